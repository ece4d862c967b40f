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

import org.rewardcollapse.data.PromptGroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A text source read from a JSON Lines file, one object per line: the reading, the uniqueness of prompt ids and the
 * counts of what was skipped are done here once; each format only turns a line into its groups.
 */
public abstract class JsonlRankingSource extends TextRankingSource {
    /**
     * For OLCUT and subclasses in this package.
     */
    JsonlRankingSource() {}

    /**
     * Reads the whole JSONL file: each line through {@link #readRecord}, ids checked for uniqueness, an error if no
     * line yields a group.
     * @param skipped Receives one note per kind of input read but not loaded, with its count.
     * @return The groups, in input order.
     */
    @Override
    protected final List<PromptGroup> readGroups(List<String> skipped) {
        Path file = requireDataFile();
        List<PromptGroup> groups = new ArrayList<>();
        UniqueIds ids = new UniqueIds();
        Map<String, Integer> counts = new TreeMap<>();
        GivenEmbeddings embeddings = new GivenEmbeddings();
        JsonLines.forEachObject(file, record -> readRecord(record, ids, embeddings, groups, counts));
        finishGroups(groups);
        if (groups.isEmpty()) {
            throw new DataFormatException(file, "no prompt groups: " + noGroupsHint());
        }
        counts.forEach((what, count) -> skipped.add(count + " " + what));
        return groups;
    }

    /**
     * Reads one line of the file.
     * @param record The line's object.
     * @param ids The ids claimed so far (each group's id must be claimed).
     * @param embeddings The embeddings the file gives, checked across lines.
     * @param groups Receives the line's groups.
     * @param skipped Counts, by a description, what the line held but did not load.
     */
    abstract void readRecord(JsonRecord record, UniqueIds ids, GivenEmbeddings embeddings, List<PromptGroup> groups,
                             Map<String, Integer> skipped);

    /**
     * Completes the groups once every line is read, for formats whose groups gather lines (rollouts); the others'
     * groups are complete line by line.
     * @param groups The groups read, to complete in place.
     */
    void finishGroups(List<PromptGroup> groups) {}

    /**
     * This source for parsing lines one by one ({@link JsonlLineParser}).
     * @param required Must every response carry a label.
     * @return This source.
     */
    JsonlRankingSource forLines(boolean required) {
        this.labelsRequired = required;
        return this;
    }

    /**
     * What a file that yields no group probably is, for the error.
     * @return The hint.
     */
    abstract String noGroupsHint();
}
