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

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.rewardcollapse.io.ConfigurationFiles;
import org.tribuo.Feature;
import org.tribuo.data.text.TextPipeline;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.util.tokens.universal.UniversalTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a prompt and a response into Tribuo features with Tribuo's own text pipeline, plus numeric length
 * features of the response.
 * <p>
 * It is one configurable object recorded in the provenance of every dataset (and so every model) built
 * with it; {@link #fromProvenance(Provenance)} rebuilds the identical featuriser from that provenance, so
 * training and scoring can never featurise differently.
 * <p>
 * Feature names: the pipeline's names under the tags {@value #PROMPT_TAG} and {@value #RESPONSE_TAG}
 * (for the default hashing pipeline {@code prompt-hash=17}, {@code response-hash=912}), and
 * {@value #LOG_WORDS} = ln(1 + words) and {@value #LOG_CHARS} = ln(1 + characters) of the response.
 */
public final class ResponseFeaturizer implements Configurable, Provenancable<ConfiguredObjectProvenance> {
    /** Tag of the prompt's text features. */
    public static final String PROMPT_TAG = "prompt";
    /** Tag of the response's text features. */
    public static final String RESPONSE_TAG = "response";
    /** Name of the log word-count feature. */
    public static final String LOG_WORDS = "response-length@log-words";
    /** Name of the log character-count feature. */
    public static final String LOG_CHARS = "response-length@log-chars";
    /** Hash buckets of the default pipeline, per tag. */
    public static final int DEFAULT_HASH_DIMENSION = 1024;
    /** The longest n-gram a text pipeline may emit (the cost of featurising grows with it). */
    public static final int MAX_NGRAM = 8;
    /** The most hash buckets a text pipeline may use. */
    public static final int MAX_HASH_DIMENSION = 1 << 24;

    @Config(description = "Tribuo text pipeline (tokeniser, n-grams, hashing) applied to the prompt and to the response.")
    private TextPipeline textPipeline = defaultPipeline();

    @Config(description = "Featurise the prompt text (the model needs it to tell prompts apart).")
    private boolean promptFeatures = true;

    @Config(description = "Featurise the response text.")
    private boolean responseFeatures = true;

    @Config(description = "Add ln(1 + words) and ln(1 + characters) of the response.")
    private boolean lengthFeatures = true;

    @Config(description = "Lower-case text before it enters the pipeline.")
    private boolean lowercase = true;

    private final Map<String, String> names = new ConcurrentHashMap<>();

    /**
     * For OLCUT.
     */
    private ResponseFeaturizer() {}

    /**
     * Creates a featuriser.
     * @param textPipeline The text pipeline.
     * @param promptFeatures Featurise the prompt.
     * @param responseFeatures Featurise the response text.
     * @param lengthFeatures Add length features.
     * @param lowercase Lower-case text first.
     */
    public ResponseFeaturizer(TextPipeline textPipeline, boolean promptFeatures, boolean responseFeatures,
                              boolean lengthFeatures, boolean lowercase) {
        this.textPipeline = textPipeline;
        this.promptFeatures = promptFeatures;
        this.responseFeatures = responseFeatures;
        this.lengthFeatures = lengthFeatures;
        this.lowercase = lowercase;
        postConfig();
    }

    /**
     * The default featuriser: hashed unigram counts ({@value #DEFAULT_HASH_DIMENSION} buckets per tag) of the
     * lower-cased prompt and response, and the response's length features.
     * @return A new featuriser.
     */
    public static ResponseFeaturizer defaults() {
        return new ResponseFeaturizer(defaultPipeline(), true, true, true, true);
    }

    private static TextPipeline defaultPipeline() {
        return new TokenPipeline(new UniversalTokenizer(), 1, true, DEFAULT_HASH_DIMENSION);
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        if (textPipeline == null) {
            throw new IllegalArgumentException("textPipeline must be set");
        }
        if (!promptFeatures && !responseFeatures && !lengthFeatures) {
            throw new IllegalArgumentException(
                    "promptFeatures, responseFeatures and lengthFeatures are all false: no feature would be produced");
        }
        checkPipelineBounds(textPipeline.getProvenance());
    }

    /**
     * Bounds the pipeline's sizes, which a model file's metadata may set: n-grams up to {@value #MAX_NGRAM}, hash
     * dimensions up to {@value #MAX_HASH_DIMENSION}.
     */
    private static void checkPipelineBounds(Provenance provenance) {
        if (provenance instanceof ObjectProvenance object) {
            for (Pair<String, Provenance> child : object) {
                if (child.getB() instanceof IntProvenance value) {
                    int v = value.getValue();
                    if ((child.getA().equals("ngram") || child.getA().equals("n")) && (v < 1 || v > MAX_NGRAM)) {
                        throw new IllegalArgumentException("textPipeline: " + child.getA() + " must be in [1, "
                                + MAX_NGRAM + "], found " + v);
                    }
                    if (child.getA().equals("hashDim") && (v == 0 || v < -1 || v > MAX_HASH_DIMENSION)) {
                        throw new IllegalArgumentException("textPipeline: hashDim must be -1 (no hashing) or in [1, "
                                + MAX_HASH_DIMENSION + "], found " + v);
                    }
                }
                checkPipelineBounds(child.getB());
            }
        } else if (provenance instanceof ListProvenance<?> list) {
            for (Provenance child : list) {
                checkPipelineBounds(child);
            }
        }
    }

    /**
     * The features of one response to a prompt.
     * @param prompt The prompt text (may be null when promptFeatures is false).
     * @param response The response text.
     * @return The features; names may repeat (examples merge them by summing).
     */
    public List<Feature> featurize(String prompt, String response) {
        List<Feature> features = new ArrayList<>();
        if (promptFeatures && prompt != null) {
            addShared(features, textPipeline.process(PROMPT_TAG, normalise(prompt)));
        }
        if (responseFeatures) {
            addShared(features, textPipeline.process(RESPONSE_TAG, normalise(response)));
        }
        if (lengthFeatures) {
            String trimmed = response.strip();
            int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
            features.add(new Feature(LOG_WORDS, Math.log1p(words)));
            features.add(new Feature(LOG_CHARS, Math.log1p(response.codePointCount(0, response.length()))));
        }
        return features;
    }

    /**
     * Adds features whose names are shared across examples: the pipeline makes a new name string per token, and a
     * million examples of a hashed vocabulary would otherwise hold a million copies of a few thousand names.
     */
    private void addShared(List<Feature> features, List<Feature> made) {
        for (Feature f : made) {
            String name = names.computeIfAbsent(f.getName(), n -> n);
            features.add(name == f.getName() ? f : new Feature(name, f.getValue()));
        }
    }

    private String normalise(String text) {
        return lowercase ? text.toLowerCase(Locale.ROOT) : text;
    }

    /**
     * Rebuilds the featuriser recorded in a provenance tree (a dataset's, a data source's or a model's).
     * @param provenance The provenance to search.
     * @return The featuriser, configured exactly as when the provenance was recorded; empty if none is recorded.
     * @throws IllegalArgumentException If the provenance records more than one distinct featuriser.
     */
    public static Optional<ResponseFeaturizer> fromProvenance(Provenance provenance) {
        List<ConfiguredObjectProvenance> found = new ArrayList<>();
        collect(provenance, found);
        List<ConfiguredObjectProvenance> distinct = found.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        if (distinct.size() > 1) {
            throw new IllegalArgumentException("provenance records " + distinct.size()
                    + " different featurisers; cannot tell which one scores this model");
        }
        List<ConfigurationData> configuration = ProvenanceUtil.extractConfiguration(distinct.get(0));
        ConfigurationFiles.requireTrusted(configuration, "the recorded featuriser");
        ConfigurationManager manager = new ConfigurationManager();
        manager.addConfiguration(configuration);
        return Optional.of((ResponseFeaturizer) manager.lookup(configuration.get(0).getName()));
    }

    private static void collect(Provenance provenance, List<ConfiguredObjectProvenance> found) {
        if (provenance instanceof ConfiguredObjectProvenance configured
                && ResponseFeaturizer.class.getName().equals(configured.getClassName())) {
            found.add(configured);
            return;
        }
        if (provenance instanceof ObjectProvenance object) {
            for (Pair<String, Provenance> child : object) {
                collect(child.getB(), found);
            }
        } else if (provenance instanceof ListProvenance<?> list) {
            for (Provenance child : list) {
                collect(child, found);
            }
        } else if (provenance instanceof MapProvenance<?> map) {
            for (Pair<String, ? extends Provenance> child : map) {
                collect(child.getB(), found);
            }
        }
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "ResponseFeaturizer");
    }

    @Override
    public String toString() {
        return "ResponseFeaturizer(textPipeline=" + textPipeline + ",promptFeatures=" + promptFeatures
                + ",responseFeatures=" + responseFeatures + ",lengthFeatures=" + lengthFeatures
                + ",lowercase=" + lowercase + ")";
    }
}
