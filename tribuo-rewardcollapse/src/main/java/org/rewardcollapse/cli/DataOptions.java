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

import org.rewardcollapse.data.source.ChatTemplate;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.ReadOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * The options that name a data file, shared by every subcommand that reads one.
 */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The data file (plain or gzip; - reads standard input).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "ranked, oasst, pairs, rollouts or letor (default: detected from the content).")
    String format;

    @Option(names = "--chat-template", defaultValue = "hh", paramLabel = "T",
            description = "How conversations (lists of role/content messages, TRL's conversational format) become "
                    + "text: hh (\\n\\nHuman: ...\\n\\nAssistant:), chatml or plain (default: ${DEFAULT-VALUE}).")
    String chatTemplate;

    @Option(names = "--query", paramLabel = "FILE",
            description = "LETOR group-size file (default: qid, or FILE.query).")
    Path query;

    /**
     * The data file as the options name it, with the prompts' types as the data gives them.
     * @return The spec.
     */
    DataSpec spec() {
        return spec(List.of());
    }

    /**
     * The data file as the options name it, typing prompts without a type by rules.
     * @param typeRules The loaders' {@code TYPE=REGEX} rules, in priority order.
     * @return The spec.
     */
    DataSpec spec(List<String> typeRules) {
        return new DataSpec(StandardStreams.input(data, System.in), format == null ? null : DataFormat.fromName(format),
                query, ReadOptions.DEFAULT.withTypeRules(typeRules).withChatTemplate(chatTemplate()));
    }

    /**
     * The chat template the options name.
     * @return The template.
     * @throws IllegalArgumentException If the name is unknown, naming the option.
     */
    ChatTemplate chatTemplate() {
        try {
            return ChatTemplate.named(chatTemplate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--chat-template must be hh, chatml or plain, found '" + chatTemplate
                    + "'", e);
        }
    }
}
