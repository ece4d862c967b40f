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

import com.fasterxml.jackson.core.JsonGenerator;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes prompt groups in the generic ranked JSONL format ({@link RankedJsonlSource}), with scores, atomically.
 */
public final class RankedJsonlWriter {
    private RankedJsonlWriter() {}

    /**
     * Writes the groups to a file, replacing it atomically.
     * @param groups The groups; every response must have text.
     * @param target The file.
     * @throws IOException If the file cannot be written (the target is then untouched).
     * @throws IllegalArgumentException If a group has no prompt or a response has no text (LETOR data).
     */
    public static void write(List<PromptGroup> groups, Path target) throws IOException {
        for (PromptGroup group : groups) {
            if (group.prompt() == null || group.responses().stream().anyMatch(r -> r.text() == null)) {
                throw new IllegalArgumentException("group '" + group.id() + "' has no text: the ranked format needs a prompt and response texts");
            }
        }
        AtomicFiles.write(target, out -> {
            JsonGenerator json = Json.mapper().getFactory().createGenerator(out);
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            for (PromptGroup group : groups) {
                json.writeStartObject();
                json.writeStringField("id", group.id());
                json.writeStringField("prompt", group.prompt());
                if (group.promptType() != null) {
                    json.writeStringField("prompt_type", group.promptType());
                }
                json.writeArrayFieldStart("responses");
                for (ScoredResponse response : group.responses()) {
                    json.writeStartObject();
                    json.writeStringField("text", response.text());
                    json.writeNumberField("score", response.score());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeRaw('\n');
            }
            json.flush();
        });
    }
}
