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
package org.rewardcollapse.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Tracks the prompt-group ids of one file and rejects a second use of the same id, naming both lines.
 */
final class UniqueIds {
    private final Map<String, Long> firstLine = new HashMap<>();

    /**
     * Claims an id for a record.
     * @param record The record the id belongs to.
     * @param field The id field, for the error.
     * @param id The id.
     * @return The id.
     * @throws DataFormatException If the id was already used.
     */
    String claim(JsonRecord record, String field, String id) {
        Long previous = firstLine.putIfAbsent(id, record.line());
        if (previous != null) {
            throw record.error(field, "duplicate prompt id '" + id + "' (first used on line " + previous + ")");
        }
        return id;
    }

    /**
     * Claims the record's optional {@code id} field, defaulting to its line number.
     * @param record The record.
     * @return The id.
     */
    String claimIdOrLine(JsonRecord record) {
        return claim(record, "id", record.optionalId("id").orElse(Long.toString(record.line())));
    }
}
