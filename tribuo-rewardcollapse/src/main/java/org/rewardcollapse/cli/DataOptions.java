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

import org.rewardcollapse.data.DataFormat;
import org.rewardcollapse.data.LetorSource;
import org.rewardcollapse.data.RankingDataSource;
import org.rewardcollapse.data.ResponseFeaturizer;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options that name a data file, shared by every subcommand that reads one.
 */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The data file (plain or gzip).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "ranked, oasst, pairs or letor (default: detected from the content).")
    String format;

    @Option(names = "--query", paramLabel = "FILE",
            description = "LETOR group-size file (default: qid, or FILE.query).")
    Path query;

    /**
     * The format named or detected.
     * @return The format.
     */
    DataFormat format() {
        return format == null ? DataFormat.detect(data) : DataFormat.fromName(format);
    }

    /**
     * Loads the file with the default featuriser.
     * @return The loaded source.
     */
    RankingDataSource load() {
        return load(ResponseFeaturizer.defaults());
    }

    /**
     * Loads the file with a given featuriser (ignored by LETOR files, whose features are numeric).
     * @param featurizer The featuriser, e.g. the one a model was trained with.
     * @return The loaded source.
     */
    RankingDataSource load(ResponseFeaturizer featurizer) {
        DataFormat resolved = format();
        if (query != null && resolved != DataFormat.LETOR) {
            throw new IllegalArgumentException("--query applies to the letor format only");
        }
        if (resolved == DataFormat.LETOR) {
            return new LetorSource(data, query);
        }
        return resolved.open(data, featurizer);
    }

    /**
     * Runs a model over the data, naming the data file in any error about its examples (Tribuo's own models print
     * a whole example when none of its features is known; that becomes one line).
     * @param <T> The result.
     * @param work The prediction.
     * @return Its result.
     */
    <T> T predicting(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("No features found in Example")) {
                message = "an example has none of the model's features (is the data from another feature space?)";
            }
            throw new IllegalArgumentException(data + ": " + message, e);
        }
    }
}
