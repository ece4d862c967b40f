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

import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.features.TextEncoder;
import org.rewardcollapse.text.KnownEncoder;
import org.rewardcollapse.text.OnnxTextEncoder;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.util.tokens.universal.UniversalTokenizer;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options of the featuriser that training reads text with (the {@link ResponseFeaturizer}'s fields): a picocli
 * mixin of {@code train} and of the Spark training job, so that both featurise alike.
 */
public final class FeaturizerOptions {
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

    @Option(names = "--style-features",
            description = "Add the response's surface style: lines, bullets, numbered items, headers, bold, code "
                    + "blocks, repetition, vocabulary, word and sentence length, letters and digits, an apologetic "
                    + "opening, an unfinished ending, questions (what a judge rewards beyond length).")
    boolean styleFeatures;

    @Option(names = "--encoder", paramLabel = "NAME|DIR",
            description = "Embed prompts and responses with a sentence encoder run by ONNX Runtime: minilm (the "
                    + "bundled all-MiniLM-L6-v2), bge-small (bge-small-en-v1.5), e5-small (e5-small-v2), minilm-q8 "
                    + "(all-MiniLM-L6-v2 quantised to int8: faster, 0.003 less accurate on AlpacaEval), or a "
                    + "directory with model.onnx and tokenizer.json (a sentence-transformers ONNX export); bge-small, "
                    + "e5-small and minilm-q8 are read from their Maven artifacts in the local Maven repository. "
                    + "Hashed words are then left out unless --hashed-words.")
    String encoder;

    @Option(names = "--hashed-words", description = "With --encoder: keep the hashed word features too.")
    boolean hashedWords;

    @Option(names = "--encoder-max-tokens", defaultValue = "0", paramLabel = "N",
            description = "Tokens per encoder window, in [8, 512]; longer texts are encoded in windows (0: the "
                    + "model's own limit, 256 for all-MiniLM-L6-v2).")
    int encoderMaxTokens;

    @Option(names = "--encoder-device", defaultValue = "auto", paramLabel = "DEVICE",
            description = "The encoder's device: cpu, cuda, cuda:ID or auto (default: ${DEFAULT-VALUE}).")
    String encoderDevice;

    @Option(names = "--encoder-threads", defaultValue = "0", paramLabel = "T",
            description = "The encoder's threads: on the CPU, windows encoded at once, one ONNX Runtime thread each; "
                    + "on a GPU, ONNX Runtime threads (0: one per core; default: ${DEFAULT-VALUE}).")
    int encoderThreads;

    @Option(names = "--no-response-embedding", description = "Leave out the response's embedding.")
    boolean noResponseEmbedding;

    @Option(names = "--prompt-product",
            description = "Add the element-wise product of the prompt's and the response's embeddings (how the response "
                    + "fits its prompt; it did not help on the data measured, so it is off by default).")
    boolean promptProduct;

    /**
     * The {@code --encoder} option as given, for a job that encodes elsewhere (on Spark's executors) with the same
     * encoder.
     * @return The encoder's name or directory, or null when none is given.
     */
    public String encoderName() {
        return encoder;
    }

    /**
     * The {@code --encoder-max-tokens} option.
     * @return Tokens per window (0: the model's own).
     */
    public int encoderMaxTokens() {
        return encoderMaxTokens;
    }

    /**
     * The {@code --encoder-device} option.
     * @return The device spec.
     */
    public String encoderDevice() {
        return encoderDevice;
    }

    /**
     * The {@code --encoder-threads} option.
     * @return The threads (0: one per core).
     */
    public int encoderThreads() {
        return encoderThreads;
    }

    /**
     * The featuriser the options describe.
     * @param embeddingCache Where its encoder caches vectors, or null for no cache.
     * @return The featuriser.
     * @throws IllegalArgumentException If a value is out of range, naming the option.
     */
    public ResponseFeaturizer featurizer(Path embeddingCache) {
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
        TextEncoder textEncoder = encoder == null ? null : encoder().withCache(embeddingCache);
        boolean words = textEncoder == null || hashedWords;
        return new ResponseFeaturizer(pipeline, words && !noPromptFeatures, words && !noResponseFeatures,
                !noLengthFeatures, !noLowercase, textEncoder, !noResponseEmbedding, promptProduct, styleFeatures,
                ResponseFeaturizer.DEFAULT_STYLE_SCALE);
    }

    private TextEncoder encoder() {
        Path directory = Path.of(encoder.strip());
        if (Files.isDirectory(directory)) {
            return new OnnxTextEncoder(directory, null, encoderMaxTokens, encoderDevice, encoderThreads);
        }
        KnownEncoder known;
        try {
            known = KnownEncoder.named(encoder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--encoder must be " + KnownEncoder.names() + " or a directory with "
                    + "model.onnx and tokenizer.json, found '" + encoder + "'", e);
        }
        return OnnxTextEncoder.of(known, encoderMaxTokens, encoderDevice, encoderThreads);
    }
}
