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
package org.rewardcollapse.serve;

import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.features.TextEncoder;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.onnx.Device;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Turns (prompt, response) pairs into rewards with a reward model and the featuriser it was trained with (its
 * sentence encoder included): the scoring core of the server, for a model in the JVM ({@link #jvm}) or an exported one
 * run by ONNX Runtime ({@link #onnx}). The rewards are those {@code score} writes for the same pairs: the same
 * featuriser builds the same examples and the same model scores them.
 * <p>
 * Not thread-safe: the server calls it from its one batching thread. Close it to free native resources.
 */
public abstract class TextRewardScorer implements AutoCloseable {
    private final String name;
    private final ResponseFeaturizer featurizer;

    /**
     * Checks that the featuriser can make the model's features from text.
     * @param name The model's name (its file as given).
     * @param featurizer The recorded featuriser, or empty for a model over numeric features.
     * @param featureNames The model's feature names.
     */
    TextRewardScorer(String name, Optional<ResponseFeaturizer> featurizer, Collection<String> featureNames) {
        this.name = name;
        this.featurizer = featurizer.orElseThrow(() -> new IllegalArgumentException(name + ": the model was trained "
                + "on numeric features (no featuriser is recorded), so it cannot score text"));
        if (this.featurizer.encoder().isEmpty()
                && featureNames.stream().anyMatch(ResponseFeaturizer::isEmbeddingFeature)) {
            throw new IllegalArgumentException(name + ": the model was trained on embeddings that the data file gave "
                    + "(no encoder is recorded), so it cannot score text; train it with an encoder (--encoder)");
        }
    }

    /**
     * A model scored in the JVM, read from a {@code .tribuo} file (a reward model or an ensemble of them).
     * @param modelFile The file.
     * @param encoder Where the model's sentence encoder is now, its device and its cache.
     * @return The scorer.
     * @throws IllegalArgumentException If the file is not such a model, or the model cannot score text.
     */
    public static TextRewardScorer jvm(Path modelFile, EncoderSetup encoder) {
        return jvm(ModelFiles.readScoringModel(modelFile), modelFile.toString(), encoder);
    }

    /**
     * A model scored in the JVM.
     * @param model The model (its provenance records its featuriser).
     * @param name Its name in messages and in {@code /health}.
     * @param encoder Where the model's sentence encoder is now, its device and its cache.
     * @return The scorer.
     * @throws IllegalArgumentException If the model cannot score text.
     */
    public static TextRewardScorer jvm(Model<Regressor> model, String name, EncoderSetup encoder) {
        return new JvmTextScorer(model, name, encoder);
    }

    /**
     * An exported model scored by ONNX Runtime; its encoder runs on the same device.
     * @param onnxFile The {@code .onnx} file.
     * @param device The device ({@code auto} picks CUDA when it can).
     * @param encoder Where the model's sentence encoder is now and its cache.
     * @param threads ONNX Runtime's intra-op threads on the CPU (0: one per core).
     * @return The scorer.
     * @throws IllegalArgumentException If the file is not an exported reward model, the device cannot be used, or the
     *                                  model cannot score text.
     */
    public static TextRewardScorer onnx(Path onnxFile, Device device, EncoderSetup encoder, int threads) {
        return OnnxTextScorer.open(onnxFile, device, encoder, threads);
    }

    /**
     * Scores pairs in one call (an encoder encodes their distinct texts as one batch).
     * @param pairs The pairs.
     * @return One reward per pair, in order, with the ensemble's standard deviations when it is one.
     * @throws UnscorableTextException If some pairs have none of the model's features.
     */
    public final TextRewards score(List<TextPair> pairs) {
        if (pairs.isEmpty()) {
            return new TextRewards(new double[0], hasSpread() ? new double[0] : null);
        }
        List<Example<Regressor>> examples = examples(pairs);
        int[] unknown = new int[examples.size()];
        int count = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (!knowsAny(examples.get(i))) {
                unknown[count++] = i;
            }
        }
        if (count > 0) {
            throw new UnscorableTextException(java.util.Arrays.copyOf(unknown, count));
        }
        return scoreExamples(examples);
    }

    /**
     * The examples of pairs, built as a data file's are: one prompt group per pair, featurised together so that an
     * encoder sees every distinct text once.
     */
    private List<Example<Regressor>> examples(List<TextPair> pairs) {
        List<PromptGroup> groups = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            TextPair pair = pairs.get(i);
            groups.add(new PromptGroup(Integer.toString(i), pair.prompt(), null,
                    List.of(ScoredResponse.ofText(pair.response(), 0)), 0));
        }
        List<List<List<Feature>>> features = featurizer.featurizeAll(groups).features();
        List<Example<Regressor>> examples = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            examples.add(RankingMetadata.example(groups.get(i).id(), null, 0, features.get(i).get(0),
                    RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY));
        }
        return examples;
    }

    private boolean knowsAny(Example<Regressor> example) {
        for (Feature feature : example) {
            if (knowsFeature(feature.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Is a feature one of the model's?
     * @param featureName The name.
     * @return True if the model has it.
     */
    abstract boolean knowsFeature(String featureName);

    /**
     * Scores examples that all have at least one of the model's features.
     * @param examples The examples.
     * @return Their rewards.
     */
    abstract TextRewards scoreExamples(List<Example<Regressor>> examples);

    /**
     * The model's name (its file as given).
     * @return The name.
     */
    public String name() {
        return name;
    }

    /**
     * The model in a few words, e.g. {@code LinearRewardModel} or {@code ensemble of 3 LinearRewardModels}.
     * @return The description.
     */
    public abstract String modelDescription();

    /**
     * Where the model runs: {@code jvm}, or ONNX Runtime's device ({@code cpu}, {@code cuda:0}).
     * @return The device.
     */
    public abstract String device();

    /**
     * The number of features the model reads.
     * @return The count.
     */
    public abstract int numFeatures();

    /**
     * Does the model give the standard deviation of its members' rewards (an ensemble)?
     * @return True for an ensemble.
     */
    public abstract boolean hasSpread();

    /**
     * The sentence encoder the features need, described.
     * @return The description, or empty when the model reads no embeddings.
     */
    public Optional<String> encoderDescription() {
        return featurizer.encoder().map(TextEncoder::describe);
    }

    /**
     * Frees native resources (a no-op for a JVM model).
     */
    @Override
    public void close() {}
}
