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
import org.apache.spark.sql.RowFactory;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.JsonlLineParser;
import org.rewardcollapse.text.EmbeddingCache;
import org.rewardcollapse.text.OnnxTextEncoder;
import org.tribuo.Feature;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sentence encoder as an executor holds it: made once per JVM from the job's settings (its ONNX Runtime session
 * shared by every task; the encoder runs its windows on the JVM's cores), checked against the driver's fingerprint, and
 * applied to a partition of JSONL lines a chunk at a time: each chunk's distinct texts are encoded once, and every
 * response becomes a row ({@link EncodedColumns}) or its line a bad row naming the file and line.
 */
final class ExecutorEncoder {
    private static final Map<String, ExecutorEncoder> OPEN = new ConcurrentHashMap<>();
    /** The length features, computed by the featuriser's own code (no words, no encoder). */
    private static final ResponseFeaturizer LENGTHS = new ResponseFeaturizer(
            new org.tribuo.data.text.impl.TokenPipeline(new org.tribuo.util.tokens.universal.UniversalTokenizer(), 1,
                    true, ResponseFeaturizer.DEFAULT_HASH_DIMENSION), false, false, true, true);

    static {
        ExecutorTokenizers.setUp();
    }

    private final OnnxTextEncoder encoder;

    private ExecutorEncoder(EncodingSettings settings) {
        OnnxTextEncoder made = settings.open();
        if (!made.fingerprint().equals(settings.fingerprint())) {
            throw new IllegalArgumentException("encoder " + settings.encoder() + " on this executor is "
                    + made.describe() + " with fingerprint " + made.fingerprint() + ", but the driver's has "
                    + settings.fingerprint() + ": give every node the same encoder files");
        }
        encoder = made;
    }

    /**
     * The encoder of some settings in this JVM, made on first use.
     * @param settings The settings, resolved on the driver (with the fingerprint).
     * @return The encoder.
     */
    static ExecutorEncoder get(EncodingSettings settings) {
        return OPEN.computeIfAbsent(settings.key(), key -> new ExecutorEncoder(settings));
    }

    /**
     * Encodes a partition of JSONL lines, chunk by chunk as the iterator is read.
     * @param lines Rows of (file, line, text).
     * @param parser The format's line parser.
     * @return Outcome rows ({@link EncodedColumns#outcomes}): one per response, one per bad line.
     */
    Iterator<Row> encodeLines(Iterator<Row> lines, JsonlLineParser parser) {
        return new ChunkedRows(lines, chunk -> encodeChunk(chunk, parser));
    }

    private List<Row> encodeChunk(List<Row> chunk, JsonlLineParser parser) {
        List<Row> out = new ArrayList<>();
        ParsedChunk parsed = ParsedChunk.parse(chunk, parser, ExecutorEncoder::bad, out);
        List<PromptGroup> groups = parsed.groups();
        List<Row> origins = parsed.origins();
        Map<String, float[]> vectors = encode(groups);
        for (int g = 0; g < groups.size(); g++) {
            PromptGroup group = groups.get(g);
            Row origin = origins.get(g);
            String prompt = group.prompt();
            String promptKey = prompt == null ? null : EmbeddingCache.keyOf(prompt);
            Float[] promptVector = prompt == null ? null : boxed(vectors.get(prompt));
            for (int r = 0; r < group.responses().size(); r++) {
                ScoredResponse response = group.responses().get(r);
                double[] lengths = lengths(response.text());
                out.add(RowFactory.create(false, origin.getString(0), origin.getLong(1), group.id(), r,
                        group.promptType(), response.labelled() ? response.score() : null, lengths[0], lengths[1],
                        EmbeddingCache.keyOf(response.text()), boxed(vectors.get(response.text())),
                        promptKey, promptVector, null));
            }
        }
        return out;
    }

    /** Every distinct prompt and response text of the groups, encoded once. */
    private Map<String, float[]> encode(List<PromptGroup> groups) {
        Map<String, float[]> byText = new LinkedHashMap<>();
        for (PromptGroup group : groups) {
            if (group.prompt() != null) {
                byText.put(group.prompt(), null);
            }
            for (ScoredResponse response : group.responses()) {
                byText.put(response.text(), null);
            }
        }
        if (byText.isEmpty()) {
            return byText;
        }
        List<String> texts = new ArrayList<>(byText.keySet());
        List<float[]> encoded = encoder.encode(texts);
        for (int i = 0; i < texts.size(); i++) {
            byText.put(texts.get(i), encoded.get(i));
        }
        return byText;
    }

    /** ln(1 + words) and ln(1 + characters), as the featuriser computes them. */
    private static double[] lengths(String response) {
        double[] lengths = new double[2];
        for (Feature f : LENGTHS.featurize(null, response)) {
            if (f.getName().equals(ResponseFeaturizer.LOG_WORDS)) {
                lengths[0] = f.getValue();
            } else if (f.getName().equals(ResponseFeaturizer.LOG_CHARS)) {
                lengths[1] = f.getValue();
            }
        }
        return lengths;
    }

    /** A vector as Spark's Row holds an array of floats. */
    private static Float[] boxed(float[] vector) {
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
        }
        return boxed;
    }

    /** An outcome row of a bad line. */
    static Row bad(String file, long line, String error) {
        return RowFactory.create(true, file, line, null, null, null, null, null, null, null, null, null, null, error);
    }
}
