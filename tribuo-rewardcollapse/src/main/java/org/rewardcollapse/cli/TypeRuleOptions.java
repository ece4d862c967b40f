/*
 * Copyright (c) 2026 The tribuo-rewardcollapse authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.rewardcollapse.cli;

import org.rewardcollapse.data.source.DataFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that type prompts by rules where the data has no type (the loaders' {@code typeRules}).
 */
final class TypeRuleOptions {
    @Option(names = "--type-rule", paramLabel = "TYPE=REGEX",
            description = "Give prompts without a type the TYPE whose regular expression is found in the prompt text; "
                    + "repeat it, the first matching rule wins (e.g. --type-rule 'closed=(?i)^\\s*Human:\\s*(what|who)\\b').")
    List<String> rules = new ArrayList<>();

    @Option(names = "--type-rules", paramLabel = "FILE",
            description = "A file of TYPE=REGEX rules, one per line (blank lines and lines starting with # are skipped); "
                    + "they come after any --type-rule.")
    Path file;

    /**
     * The rules, in priority order.
     * @return The rules (empty when none is given).
     */
    List<String> rules() {
        List<String> all = new ArrayList<>(rules);
        if (file != null) {
            DataFiles.forEachLine(file, (number, line) -> {
                String rule = line.strip();
                if (!rule.isEmpty() && !rule.startsWith("#")) {
                    all.add(rule);
                }
            });
        }
        return all;
    }

    /**
     * Were rules given?
     * @return True if any option was used.
     */
    boolean given() {
        return !rules.isEmpty() || file != null;
    }
}
