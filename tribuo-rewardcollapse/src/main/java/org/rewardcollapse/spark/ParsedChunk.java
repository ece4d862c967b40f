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
package org.rewardcollapse.spark;

import org.apache.spark.sql.Row;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.source.DataFormatException;
import org.rewardcollapse.data.source.JsonlLineParser;

import java.util.ArrayList;
import java.util.List;

/**
 * The prompt groups of a chunk of numbered JSONL lines, each with the line row it came from, as the executors of the
 * scoring and encoding jobs read them: a line that does not parse, or a group past the pair limit, becomes a bad row
 * naming its file and line instead.
 * @param groups The groups, in the order of their lines.
 * @param origins Each group's line row (file, line, text).
 */
record ParsedChunk(List<PromptGroup> groups, List<Row> origins) {
    /** Makes a job's bad row. */
    @FunctionalInterface
    interface BadRow {
        /**
         * The row.
         * @param file The file.
         * @param line The line number.
         * @param error What is wrong, in one line.
         * @return The row.
         */
        Row of(String file, long line, String error);
    }

    /**
     * Parses a chunk.
     * @param chunk Rows of (file, line, text).
     * @param parser The format's line parser.
     * @param bad Makes a bad row.
     * @param out Where the bad rows go.
     * @return The groups and their lines.
     */
    static ParsedChunk parse(List<Row> chunk, JsonlLineParser parser, BadRow bad, List<Row> out) {
        List<PromptGroup> groups = new ArrayList<>();
        List<Row> origins = new ArrayList<>();
        for (Row line : chunk) {
            String file = line.getString(0);
            long number = line.getLong(1);
            try {
                for (PromptGroup group : parser.parse(file, number, line.getString(2))) {
                    RankingGroup.requirePairLimit(group.id(), group.responses().size(), group.pairCount());
                    groups.add(group);
                    origins.add(line);
                }
            } catch (DataFormatException e) {
                out.add(bad.of(file, number, e.getMessage()));
            } catch (IllegalArgumentException e) {
                out.add(bad.of(file, number, file + ", line " + number + ": " + e.getMessage()));
            }
        }
        return new ParsedChunk(groups, origins);
    }
}
