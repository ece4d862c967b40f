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

import org.rewardcollapse.data.ResponseFeaturizer;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.util.tokens.universal.UniversalTokenizer;
import picocli.CommandLine.Option;

/**
 * The options of the featuriser that training reads text with (the {@link ResponseFeaturizer}'s fields).
 */
final class FeaturizerOptions {
    @Option(names = "--ngram", defaultValue = "1", paramLabel = "N",
            description = "Word n-grams up to N as features (1: unigrams; default: ${DEFAULT-VALUE}).")
    int ngram;

    @Option(names = "--hash-dimension", defaultValue = "" + ResponseFeaturizer.DEFAULT_HASH_DIMENSION, paramLabel = "D",
            description = "Hash the n-grams into D buckets per text (0: no hashing, a feature per n-gram seen in "
                    + "training; default: ${DEFAULT-VALUE}).")
    int hashDimension;

    @Option(names = "--no-prompt-features", description = "Do not featurise the prompt text.")
    boolean noPromptFeatures;

    @Option(names = "--no-response-features", description = "Do not featurise the response text.")
    boolean noResponseFeatures;

    @Option(names = "--no-length-features", description = "Leave out ln(1 + words) and ln(1 + characters) of the response.")
    boolean noLengthFeatures;

    @Option(names = "--no-lowercase", description = "Keep the text's case.")
    boolean noLowercase;

    /**
     * The featuriser the options describe.
     * @return The featuriser.
     * @throws IllegalArgumentException If a value is out of range, naming the option.
     */
    ResponseFeaturizer featurizer() {
        if (ngram < 1 || ngram > ResponseFeaturizer.MAX_NGRAM) {
            throw new IllegalArgumentException("--ngram must be in [1, " + ResponseFeaturizer.MAX_NGRAM + "], found "
                    + ngram);
        }
        if (hashDimension < 0 || hashDimension > ResponseFeaturizer.MAX_HASH_DIMENSION) {
            throw new IllegalArgumentException("--hash-dimension must be in [0, " + ResponseFeaturizer.MAX_HASH_DIMENSION
                    + "] (0: no hashing), found " + hashDimension);
        }
        TokenPipeline pipeline = new TokenPipeline(new UniversalTokenizer(), ngram, true,
                hashDimension == 0 ? -1 : hashDimension);
        try {
            return new ResponseFeaturizer(pipeline, !noPromptFeatures, !noResponseFeatures, !noLengthFeatures,
                    !noLowercase);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("featuriser options: " + e.getMessage()
                    .replace("promptFeatures, responseFeatures and lengthFeatures are all false",
                            "--no-prompt-features, --no-response-features and --no-length-features leave nothing"), e);
        }
    }
}
