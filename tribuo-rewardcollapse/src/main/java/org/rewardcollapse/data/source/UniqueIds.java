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

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tracks the prompt-group ids of one file and rejects a second use of the same id, naming both lines.
 */
final class UniqueIds {
    private final Map<String, Long> firstLine = new HashMap<>();
    private final Map<String, Boolean> implicit = new HashMap<>();

    /**
     * Claims an id for a record.
     * @param record The record the id belongs to.
     * @param field The id field, for the error.
     * @param id The id.
     * @return The id.
     * @throws DataFormatException If the id was already used.
     */
    String claim(JsonRecord record, String field, String id) {
        return claim(record, field, id, false);
    }

    /**
     * Claims the record's optional {@code id} field, defaulting to its line number.
     * @param record The record.
     * @return The id.
     * @throws DataFormatException If the id was already used, explaining when an explicit id meets a line number.
     */
    String claimIdOrLine(JsonRecord record) {
        Optional<String> explicit = record.optionalId("id");
        return claim(record, "id", explicit.orElse(Long.toString(record.line())), explicit.isEmpty());
    }

    private String claim(JsonRecord record, String field, String id, boolean fromLine) {
        Long previous = firstLine.putIfAbsent(id, record.line());
        if (previous == null) {
            implicit.put(id, fromLine);
            return id;
        }
        boolean previousFromLine = implicit.get(id);
        if (fromLine != previousFromLine) {
            long lineWithout = fromLine ? record.line() : previous;
            long lineWith = fromLine ? previous : record.line();
            throw record.error(field, "prompt id '" + id + "' is given on line " + lineWith + " and is also the id "
                    + "that line " + lineWithout + ", which has no 'id', gets from its line number; give every line an "
                    + "id, or none");
        }
        throw record.error(field, "duplicate prompt id '" + id + "' (first used on line " + previous + ")");
    }
}
