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

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JSONL data file one line at a time, for readers that split files across machines (Spark): each line is
 * parsed and validated exactly as the format's loader does, and a bad line is one {@link DataFormatException} naming
 * the file and line. What only a whole file can check (prompt ids unique across lines, one embedding width per file)
 * is the reader's to check.
 */
public final class JsonlLineParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DataFormat format;
    private final boolean labelsRequired;

    /**
     * A parser of one format whose lines must carry labels.
     * @param format {@link DataFormat#RANKED}, {@link DataFormat#PAIRS}, {@link DataFormat#OASST} or
     *               {@link DataFormat#ROLLOUTS} (where each line is a group of its own).
     * @throws IllegalArgumentException For LETOR, which is not JSONL.
     */
    public JsonlLineParser(DataFormat format) {
        this(format, true);
    }

    /**
     * A parser of one format.
     * @param format {@link DataFormat#RANKED}, {@link DataFormat#PAIRS}, {@link DataFormat#OASST} or
     *               {@link DataFormat#ROLLOUTS} (where each line is a group of its own).
     * @param labelsRequired Must every response carry a label (false: unlabelled responses are read, to be scored).
     * @throws IllegalArgumentException For LETOR, which is not JSONL.
     */
    public JsonlLineParser(DataFormat format, boolean labelsRequired) {
        if (format == DataFormat.LETOR) {
            throw new IllegalArgumentException("LETOR files are not JSON lines");
        }
        this.format = format;
        this.labelsRequired = labelsRequired;
    }

    /**
     * The prompt groups of one line.
     * @param file The file, for messages.
     * @param line The 1-based line number.
     * @param text The line.
     * @return The groups (none for a blank line, several for an OpenAssistant tree).
     * @throws DataFormatException If the line is bad, naming file, line and field.
     */
    public List<PromptGroup> parse(String file, long line, String text) {
        List<PromptGroup> groups = new ArrayList<>();
        if (text.isBlank()) {
            return groups;
        }
        JsonlRankingSource parser = switch (format) {
            case RANKED -> RankedJsonlSource.lineParser();
            case PAIRS -> PairwiseJsonlSource.lineParser();
            case OASST -> OasstTreeSource.lineParser();
            case ROLLOUTS -> RolloutsSource.lineParser();
            case LETOR -> throw new IllegalStateException("not JSON lines");
        };
        Map<String, Integer> skipped = new TreeMap<>();
        parser.forLines(labelsRequired).readRecord(JsonLines.parse(Path.of(file), line, text), new UniqueIds(),
                new GivenEmbeddings(), groups, skipped);
        parser.finishGroups(groups);
        return groups;
    }

    /**
     * The format.
     * @return The format.
     */
    public DataFormat format() {
        return format;
    }
}
