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
package org.rewardcollapse.experiment;

import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankingDataSource;

import java.util.Optional;

/**
 * A data file loaded for a model to score or evaluate, featurised as the model was trained: with the featuriser the
 * model recorded (a text file and a model that recorded none are refused, rather than scored with default features
 * the model never saw), and with embeddings that fit the model's (their width, or their absence).
 */
final class ModelData {
    private ModelData() {}

    /**
     * Loads a data file for a model.
     * @param data The data file.
     * @param recorded The model's recorded featuriser, set up for this machine.
     * @param modelFeatures The model's feature names.
     * @param model The model, for messages (its file).
     * @return The loaded source.
     * @throws IllegalArgumentException If the model cannot featurise the file as in training, naming both.
     */
    static RankingDataSource load(DataSpec data, Optional<ResponseFeaturizer> recorded, Iterable<String> modelFeatures,
                                  Object model) {
        if (data.resolvedFormat() == DataFormat.LETOR) {
            return data.load(recorded.orElseGet(ResponseFeaturizer::defaults));
        }
        ResponseFeaturizer featurizer = recorded.orElseThrow(() -> new IllegalArgumentException(model + " records no "
                + "featuriser, so the text of " + data.file() + " cannot be featurised as in training"));
        RankingDataSource source = data.load(featurizer);
        featurizer.requireFits(ResponseFeaturizer.embeddingWidth(modelFeatures), source.groups(), data.file());
        return source;
    }
}
