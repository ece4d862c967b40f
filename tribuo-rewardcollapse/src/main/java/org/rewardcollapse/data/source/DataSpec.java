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

import org.rewardcollapse.data.features.ResponseFeaturizer;

import java.nio.file.Path;
import java.util.List;

/**
 * A data file as a user names it: the file, its format (detected from the content when not given), for LETOR files
 * without qids the group-size file, and how its text is read ({@link ReadOptions}).
 *
 * @param file The data file (plain or gzip).
 * @param format The format, or null to detect it.
 * @param query The LETOR group-size file, or null (qid, or the file's {@code .query} sibling).
 * @param options Type rules, whether labels are required, how conversations become text.
 */
public record DataSpec(Path file, DataFormat format, Path query, ReadOptions options) {
    /**
     * Checks the combination.
     */
    public DataSpec {
        if (file == null) {
            throw new IllegalArgumentException("no data file given");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must be set");
        }
        if (query != null && format != null && format != DataFormat.LETOR) {
            throw new IllegalArgumentException("a group-size file applies to the letor format only");
        }
    }

    /**
     * A file with type rules, labels required and conversations in the HH layout.
     * @param file The file.
     * @param format The format, or null to detect it.
     * @param query The LETOR group-size file, or null.
     * @param typeRules {@code TYPE=REGEX} rules that type prompts without a type; empty for none.
     */
    public DataSpec(Path file, DataFormat format, Path query, List<String> typeRules) {
        this(file, format, query, ReadOptions.DEFAULT.withTypeRules(typeRules));
    }

    /**
     * A file in the format its content shows.
     * @param file The file.
     * @return The spec.
     */
    public static DataSpec of(Path file) {
        return new DataSpec(file, null, null, ReadOptions.DEFAULT);
    }

    /**
     * The type rules.
     * @return The rules.
     */
    public List<String> typeRules() {
        return options.typeRules();
    }

    /**
     * The same file with other type rules.
     * @param rules The rules.
     * @return The spec.
     */
    public DataSpec withTypeRules(List<String> rules) {
        return new DataSpec(file, format, query, options.withTypeRules(rules));
    }

    /**
     * The same file read with other options.
     * @param other The options.
     * @return The spec.
     */
    public DataSpec withOptions(ReadOptions other) {
        return new DataSpec(file, format, query, other);
    }

    /**
     * The format named, or detected from the first data line.
     * @return The format.
     */
    public DataFormat resolvedFormat() {
        return format != null ? format : DataFormat.detect(file);
    }

    /**
     * Loads the file.
     * @param featurizer The featuriser for text formats (a model's, to score or evaluate it); ignored by LETOR.
     * @return The loaded source.
     * @throws IllegalArgumentException If the file is bad input, naming file, line and field.
     */
    public RankingDataSource load(ResponseFeaturizer featurizer) {
        DataFormat resolved = resolvedFormat();
        if (query != null && resolved != DataFormat.LETOR) {
            throw new IllegalArgumentException("a group-size file applies to the letor format only, and "
                    + file + " is " + resolved.formatName());
        }
        if (resolved == DataFormat.LETOR && !typeRules().isEmpty()) {
            throw new IllegalArgumentException("prompt-type rules need prompt text, and " + file + " is letor");
        }
        return resolved == DataFormat.LETOR ? new LetorSource(file, query) : resolved.open(file, featurizer, options);
    }
}
