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
package org.rewardcollapse.data.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.rewardcollapse.io.Json;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads JSON Lines files: one JSON object per non-blank line, strict JSON (no NaN, no duplicate keys,
 * nothing after the object), each error naming the file and line.
 */
public final class JsonLines {
    private JsonLines() {}

    /**
     * Calls the consumer with every object of the file, in order; blank lines are skipped.
     * @param file The file (plain or gzip).
     * @param consumer The consumer.
     * @throws DataFormatException On unreadable files, invalid UTF-8, malformed JSON or a line that is not an object.
     */
    public static void forEachObject(Path file, Consumer<JsonRecord> consumer) {
        DataFiles.forEachLine(file, (lineNumber, line) -> {
            if (!line.isBlank()) {
                consumer.accept(parse(file, lineNumber, line));
            }
        });
    }

    /**
     * Parses one line as a JSON object.
     * @param file The file, for error messages.
     * @param lineNumber The line number, for error messages.
     * @param line The text.
     * @return The record.
     */
    public static JsonRecord parse(Path file, long lineNumber, String line) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, lineNumber, null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new DataFormatException(file, lineNumber, null, "expected a JSON object on each line");
        }
        return new JsonRecord(file, lineNumber, "", node);
    }
}
