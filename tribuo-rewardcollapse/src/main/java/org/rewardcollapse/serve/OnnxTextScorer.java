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

import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An exported reward model scored by ONNX Runtime, as {@code score --onnx} scores it: the featuriser from the file's
 * metadata (its encoder on the scorer's device), {@link OnnxRewardScorer#score} or, for an ensemble's graph,
 * {@link OnnxRewardScorer#scoreWithSpread}.
 */
final class OnnxTextScorer extends TextRewardScorer {
    private final OnnxRewardScorer scorer;
    private final Set<String> features;

    private OnnxTextScorer(String name, OnnxRewardScorer scorer, EncoderSetup encoder) {
        super(name, scorer.metadata().rebuildFeaturizer(encoder.onDevice(scorer.device().toString())),
                scorer.metadata().features());
        this.scorer = scorer;
        this.features = new HashSet<>(scorer.metadata().features());
    }

    static OnnxTextScorer open(Path file, Device device, EncoderSetup encoder, int threads) {
        OnnxRewardScorer scorer = OnnxRewardScorer.open(file, device, OnnxRewardScorer.DEFAULT_BATCH_SIZE, threads);
        try {
            return new OnnxTextScorer(file.toString(), scorer, encoder);
        } catch (RuntimeException e) {
            scorer.close();
            throw e;
        }
    }

    @Override
    boolean knowsFeature(String featureName) {
        return features.contains(featureName);
    }

    @Override
    TextRewards scoreExamples(List<Example<Regressor>> examples) {
        if (scorer.hasSpread()) {
            double[][] scored = scorer.scoreWithSpread(examples);
            return new TextRewards(scored[0], scored[1]);
        }
        return new TextRewards(scorer.score(examples), null);
    }

    @Override
    public String modelDescription() {
        String modelClass = scorer.metadata().modelClass();
        String simple = modelClass == null ? "reward model" : modelClass.substring(modelClass.lastIndexOf('.') + 1);
        return simple + ", exported";
    }

    @Override
    public String device() {
        return scorer.device().toString();
    }

    @Override
    public int numFeatures() {
        return scorer.numFeatures();
    }

    @Override
    public boolean hasSpread() {
        return scorer.hasSpread();
    }

    @Override
    public void close() {
        scorer.close();
    }
}
