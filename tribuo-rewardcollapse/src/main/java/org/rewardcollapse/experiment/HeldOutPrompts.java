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
package org.rewardcollapse.experiment;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.rewardcollapse.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;

/**
 * A run's {@value RunLayout#HELD_OUT}: the ids of the prompts it was evaluated on, one per line. An id that a line
 * cannot hold as it is (one with a line break, or that starts with a double quote) is written as a JSON string, so
 * every line is one id.
 */
final class HeldOutPrompts {
    private HeldOutPrompts() {}

    /**
     * Writes the ids.
     * @param file The file.
     * @param ids The ids, in order.
     * @throws IOException If it cannot be written.
     */
    static void write(Path file, Collection<String> ids) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String id : ids) {
            text.append(line(id)).append('\n');
        }
        AtomicFiles.write(file, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One id as a line.
     * @param id The id.
     * @return The id, or the id as a JSON string when a line could not hold it as it is.
     */
    static String line(String id) {
        boolean plain = !id.startsWith("\"") && id.chars().noneMatch(c -> c == '\n' || c == '\r');
        return plain ? id : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(id)) + "\"";
    }
}
