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
package org.rewardcollapse.data.features;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.io.InvalidSettingException;
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
 * {@value #LOG_WORDS} = ln(1 + words) and {@value #LOG_CHARS} = ln(1 + characters) of the response,
 * {@value #EMPTY_RESPONSE} = 1 for a blank response, and with an encoder (or embeddings the data gives)
 * {@code embedding@response-i} (the response's vector) and {@code embedding@prompt*response-i} (its element-wise
 * product with the prompt's).
 */
public final class ResponseFeaturizer implements Configurable, Provenancable<ConfiguredObjectProvenance> {
    /** Tag of the prompt's text features. */
    public static final String PROMPT_TAG = "prompt";
    /** Tag of the response's text features. */
    public static final String RESPONSE_TAG = "response";
    /** Name of the log word-count feature. */
    public static final String LOG_WORDS = "response-length@log-words";
    /** The prefix of the length features' names. */
    public static final String LENGTH_PREFIX = "response-length@";
    /**
     * The style features' default scale: about three times the spread of one embedding column between the answers to
     * one prompt, the best of 1, 3 and 10 times in 5-fold cross-validation on AlpacaEval.
     */
    public static final double DEFAULT_STYLE_SCALE = 0.08;
    /** Name of the feature that marks an empty (blank) response. */
    public static final String EMPTY_RESPONSE = "response-empty";
    /** Name of the log character-count feature. */
    public static final String LOG_CHARS = "response-length@log-chars";
    /**
     * The features {@code train} leaves out of the L2 penalty by default, comma-separated: the log character count
     * and the empty-response marker. The log word count is penalised with the rest: left free beside the character
     * count, the two fit a mix of words and characters that ranks worse than characters alone (OpenAssistant, 8
     * repeated 5-fold splits: 0.013 below the longer-wins rule instead of level with it; AlpacaEval unchanged).
     */
    public static final String DEFAULT_UNPENALISED = LOG_CHARS + "," + EMPTY_RESPONSE;
    /** Hash buckets of the default pipeline, per tag. */
    public static final int DEFAULT_HASH_DIMENSION = 1024;
    /** The longest n-gram a text pipeline may emit (the cost of featurising grows with it). */
    public static final int MAX_NGRAM = 8;
    /** The most hash buckets a text pipeline may use. */
    public static final int MAX_HASH_DIMENSION = 1 << 24;
    /** The largest style scale a featuriser (or a model file's record of one) may have. */
    public static final double MAX_STYLE_SCALE = 1e6;

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

    @Config(description = "A sentence encoder whose vectors of the response (and of the prompt) become features; "
            + "unset: none, or the embeddings the data file gives.")
    private TextEncoder encoder;

    @Config(description = "With an encoder or embeddings in the data: the response's embedding as features.")
    private boolean responseEmbedding = true;

    @Config(description = "With an encoder or embeddings in the data: the element-wise product of the prompt's and "
            + "the response's embeddings as features (how the response fits its prompt).")
    private boolean promptResponseProduct = false;

    @Config(description = "Add the response's surface style features (ResponseStyle: layout, repetition, vocabulary, "
            + "sentence and word length, an apologetic opening, an unfinished ending, questions), each its raw value "
            + "over its unit times styleScale.")
    private boolean styleFeatures = false;

    @Config(description = "With styleFeatures: the style features' scale; a larger one lets an L2 penalty hold them "
            + "back less.")
    private double styleScale = DEFAULT_STYLE_SCALE;

    private final Map<String, String> names = new ConcurrentHashMap<>();
    private EmbeddingFeatures embeddingFeatures;

    /**
     * The features of every response of some groups, and a note on how text became vectors.
     *
     * @param features Per group, per response, the features.
     * @param note What the encoder did (texts encoded, texts longer than its window), or empty.
     */
    public record Featurised(List<List<List<Feature>>> features, String note) {}

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
        this(textPipeline, promptFeatures, responseFeatures, lengthFeatures, lowercase, null, true, false);
    }

    /**
     * Creates a featuriser with a sentence encoder.
     * @param textPipeline The text pipeline.
     * @param promptFeatures Featurise the prompt's text through the pipeline.
     * @param responseFeatures Featurise the response's text through the pipeline.
     * @param lengthFeatures Add length features.
     * @param lowercase Lower-case text before the pipeline.
     * @param encoder The encoder, or null for none (then the embeddings the data gives, if any, are used).
     * @param responseEmbedding The response's embedding as features.
     * @param promptResponseProduct The product of the prompt's and the response's embeddings as features.
     */
    public ResponseFeaturizer(TextPipeline textPipeline, boolean promptFeatures, boolean responseFeatures,
                              boolean lengthFeatures, boolean lowercase, TextEncoder encoder,
                              boolean responseEmbedding, boolean promptResponseProduct) {
        this(textPipeline, promptFeatures, responseFeatures, lengthFeatures, lowercase, encoder, responseEmbedding,
                promptResponseProduct, false, DEFAULT_STYLE_SCALE);
    }

    /**
     * Creates a featuriser with a sentence encoder and, optionally, the style features.
     * @param textPipeline The text pipeline.
     * @param promptFeatures Featurise the prompt's text through the pipeline.
     * @param responseFeatures Featurise the response's text through the pipeline.
     * @param lengthFeatures Add length features.
     * @param lowercase Lower-case text before the pipeline.
     * @param encoder The encoder, or null for none (then the embeddings the data gives, if any, are used).
     * @param responseEmbedding The response's embedding as features.
     * @param promptResponseProduct The product of the prompt's and the response's embeddings as features.
     * @param styleFeatures Add the {@link ResponseStyle} features.
     * @param styleScale Their scale, positive ({@link #DEFAULT_STYLE_SCALE}).
     */
    public ResponseFeaturizer(TextPipeline textPipeline, boolean promptFeatures, boolean responseFeatures,
                              boolean lengthFeatures, boolean lowercase, TextEncoder encoder,
                              boolean responseEmbedding, boolean promptResponseProduct, boolean styleFeatures,
                              double styleScale) {
        this.styleFeatures = styleFeatures;
        this.styleScale = styleScale;
        this.textPipeline = textPipeline;
        this.promptFeatures = promptFeatures;
        this.responseFeatures = responseFeatures;
        this.lengthFeatures = lengthFeatures;
        this.lowercase = lowercase;
        this.encoder = encoder;
        this.responseEmbedding = responseEmbedding;
        this.promptResponseProduct = promptResponseProduct;
        postConfig();
    }

    /**
     * A featuriser of sentence embeddings: the encoder's vector of the response and the length features; no hashed
     * words (the product with the prompt's vector measured no better on HH-RLHF and OpenAssistant, at twice the
     * features).
     * @param encoder The encoder.
     * @return The featuriser.
     */
    public static ResponseFeaturizer embeddings(TextEncoder encoder) {
        return new ResponseFeaturizer(defaultPipeline(), false, false, true, true, encoder, true, false);
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
        InvalidSettingException.require(textPipeline != null, "textPipeline", "must be set");
        InvalidSettingException.require(styleScale > 0.0 && styleScale <= MAX_STYLE_SCALE, "styleScale",
                "must be in (0, " + MAX_STYLE_SCALE + "], found " + styleScale);
        embeddingFeatures = new EmbeddingFeatures(responseEmbedding, promptResponseProduct);
        if (!promptFeatures && !responseFeatures && !lengthFeatures && !styleFeatures
                && !(encoder != null && embeddingFeatures.any())) {
            throw new InvalidSettingException(List.of("promptFeatures", "responseFeatures", "lengthFeatures"),
                    "are all off, and neither style features nor an encoder's embeddings are asked for: no feature "
                    + "would be produced");
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
     * The features of one response to a prompt (with an encoder, both texts are encoded on the spot; for many
     * responses {@link #featurizeAll} encodes each distinct text once).
     * @param prompt The prompt text (may be null when promptFeatures is false).
     * @param response The response text.
     * @return The features; names may repeat (examples merge them by summing).
     */
    public List<Feature> featurize(String prompt, String response) {
        List<Feature> features = textFeatures(prompt, response);
        if (encoder != null && embeddingFeatures.any()) {
            List<float[]> vectors = encoder.encode(java.util.Arrays.asList(prompt == null ? "" : prompt, response));
            embeddingFeatures.add(features, prompt == null ? null : vectors.get(0), vectors.get(1));
        }
        return features;
    }

    /**
     * The features of every response of some groups, encoding each distinct text once (an encoder's vectors are also
     * cached on disk), or using the embeddings the data gives when there is no encoder.
     * @param groups The groups.
     * @return The features, group by group and response by response, and a note on the encoding.
     */
    public Featurised featurizeAll(List<PromptGroup> groups) {
        long windowedBefore = encoder == null ? 0 : encoder.windowedTexts();
        EmbeddingFeatures.Vectors vectors = embeddingFeatures.vectors(groups, encoder);
        List<List<List<Feature>>> all = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            PromptGroup group = groups.get(g);
            List<List<Feature>> perResponse = new ArrayList<>(group.responses().size());
            for (int r = 0; r < group.responses().size(); r++) {
                List<Feature> features = textFeatures(group.prompt(), group.responses().get(r).text());
                if (vectors != null) {
                    embeddingFeatures.add(features, vectors.prompts().get(g), vectors.responses().get(g).get(r));
                }
                perResponse.add(features);
            }
            all.add(perResponse);
        }
        String note = "";
        if (encoder != null && vectors != null) {
            note = String.format(Locale.ROOT, "%,d distinct texts encoded by %s, %,d longer than its window (encoded "
                    + "in windows)", vectors.encoded(), encoder.describe(), encoder.windowedTexts() - windowedBefore);
        } else if (vectors != null) {
            note = "embeddings of width " + vectors.responses().get(0).get(0).length + " from the data file";
        }
        return new Featurised(all, note);
    }

    /**
     * Is a feature one of the sentence-embedding features (of the response, or its product with the prompt's), which
     * only an encoder, or embeddings the data file gives, can produce?
     * @param name The feature name.
     * @return True for an embedding feature.
     */
    public static boolean isEmbeddingFeature(String name) {
        return name.startsWith(EmbeddingFeatures.RESPONSE_PREFIX) || name.startsWith(EmbeddingFeatures.PRODUCT_PREFIX);
    }

    /**
     * The width of the embeddings a model was trained on, from its feature names.
     * @param modelFeatures The model's feature names.
     * @return The width, 0 when the model has no embedding feature.
     */
    public static int embeddingWidth(Iterable<String> modelFeatures) {
        return EmbeddingFeatures.width(modelFeatures);
    }

    /**
     * Refuses data that this featuriser would turn into fewer of a model's features than it was trained on: without an
     * encoder, a model trained on the embeddings its data gave needs embeddings of the same width, and a model trained
     * without embeddings refuses data that gives some.
     * @param modelWidth The width of the model's embeddings ({@link #embeddingWidth}).
     * @param groups The data's groups.
     * @param data The data, for the message.
     * @throws IllegalArgumentException In one line naming the data and the widths.
     */
    public void requireFits(int modelWidth, List<PromptGroup> groups, Object data) {
        if (encoder == null && embeddingFeatures.any()) {
            EmbeddingFeatures.requireFits(modelWidth, groups, data);
        }
    }

    /**
     * The encoder, when there is one.
     * @return The encoder.
     */
    public Optional<TextEncoder> encoder() {
        return Optional.ofNullable(encoder);
    }

    /**
     * This featuriser with its encoder set up for this machine (its directory, device and cache; the features do not
     * change beyond rounding).
     * @param setup The setup.
     * @return The featuriser (this one when it has no encoder).
     */
    public ResponseFeaturizer withEncoder(EncoderSetup setup) {
        if (encoder == null) {
            return this;
        }
        return new ResponseFeaturizer(textPipeline, promptFeatures, responseFeatures, lengthFeatures, lowercase,
                setup.applyTo(encoder), responseEmbedding, promptResponseProduct, styleFeatures, styleScale);
    }

    /** The pipeline's features of the texts, the length features and the style features. */
    private List<Feature> textFeatures(String prompt, String response) {
        List<Feature> features = new ArrayList<>();
        if (promptFeatures && prompt != null) {
            addShared(features, textPipeline.process(PROMPT_TAG, normalise(prompt)));
        }
        if (responseFeatures) {
            addShared(features, textPipeline.process(RESPONSE_TAG, normalise(response)));
        }
        if (response.isBlank()) {
            // An empty answer is a signal of its own, and an example needs at least one feature.
            features.add(new Feature(EMPTY_RESPONSE, 1.0));
        }
        if (lengthFeatures) {
            String trimmed = response.strip();
            int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
            features.add(new Feature(LOG_WORDS, Math.log1p(words)));
            features.add(new Feature(LOG_CHARS, Math.log1p(response.codePointCount(0, response.length()))));
        }
        if (styleFeatures) {
            double[] raw = ResponseStyle.rawValues(response);
            for (ResponseStyle style : ResponseStyle.values()) {
                features.add(new Feature(style.featureName(), styleScale * raw[style.ordinal()] / style.unit()));
            }
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
     * Rebuilds the featuriser recorded in a provenance tree (a dataset's, a data source's or a model's), its encoder
     * (if any) as recorded and without a cache.
     * @param provenance The provenance to search.
     * @return The featuriser, configured exactly as when the provenance was recorded; empty if none is recorded.
     * @throws IllegalArgumentException If the provenance records more than one distinct featuriser.
     */
    public static Optional<ResponseFeaturizer> fromProvenance(Provenance provenance) {
        return fromProvenance(provenance, EncoderSetup.RECORDED);
    }

    /**
     * Rebuilds the featuriser recorded in a provenance tree, its encoder set up for this machine
     * ({@link RecordedFeaturizer#rebuild}).
     * @param provenance The provenance to search.
     * @param setup Where the encoder's files are now, its device and its cache.
     * @return The featuriser; empty if none is recorded.
     */
    public static Optional<ResponseFeaturizer> fromProvenance(Provenance provenance, EncoderSetup setup) {
        return RecordedFeaturizer.rebuild(provenance, setup);
    }

    /**
     * The text encoder, for {@link RecordedFeaturizer} (null when there is none).
     * @return The encoder or null.
     */
    TextEncoder encoderOrNull() {
        return encoder;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "ResponseFeaturizer");
    }

    @Override
    public String toString() {
        return "ResponseFeaturizer(textPipeline=" + textPipeline + ",promptFeatures=" + promptFeatures
                + ",responseFeatures=" + responseFeatures + ",lengthFeatures=" + lengthFeatures
                + ",lowercase=" + lowercase + (styleFeatures ? ",styleScale=" + styleScale : "") + (encoder == null ? "" : ",encoder=" + encoder.describe()
                + ",responseEmbedding=" + responseEmbedding + ",promptResponseProduct=" + promptResponseProduct) + ")";
    }
}
