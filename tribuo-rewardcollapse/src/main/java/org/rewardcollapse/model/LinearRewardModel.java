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
package org.rewardcollapse.model;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A linear reward model: reward = head(w . x + b) over sparse features. Its weights explain it, so it gives top
 * features (by absolute weight) and excuses (each active feature's contribution w_i x_i to the logit).
 */
public final class LinearRewardModel extends RewardModel {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a model.
     * @param parts The parts (the network without a hidden layer).
     */
    public LinearRewardModel(Parts parts) {
        super(parts);
        if (network().numLayers() != 1) {
            throw new IllegalArgumentException("a linear reward model has no hidden layer, the network has "
                    + (network().numLayers() - 1));
        }
    }

    /**
     * Deserialization factory, called by Tribuo's {@code ProtoUtil}.
     * @param version The serialized version.
     * @param className The class name.
     * @param message The payload.
     * @return The model.
     * @throws InvalidProtocolBufferException If the payload cannot be parsed.
     */
    public static LinearRewardModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        Parts p = unpack(version, message);
        try {
            return new LinearRewardModel(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, " + e.getMessage());
        }
    }

    /**
     * The weight of each feature and of the bias ({@link #BIAS_FEATURE}), largest absolute value first.
     * @param n The number of features to return; negative for all.
     * @return The features under the dimension's name.
     */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        double[][] w = network().layerWeights(0);
        List<Pair<String, Double>> features = new ArrayList<>(w.length);
        for (int i = 0; i < featureIDMap.size(); i++) {
            features.add(new Pair<>(featureIDMap.get(i).getName(), w[i][0]));
        }
        features.add(new Pair<>(BIAS_FEATURE, w[featureIDMap.size()][0]));
        return Map.of(dimensionName(), largestFirst(features, n));
    }

    /**
     * Explains a prediction by each active feature's contribution to the logit, and the bias's.
     * @param example The example.
     * @return The excuse.
     */
    @Override
    public Optional<Excuse<Regressor>> getExcuse(Example<Regressor> example) {
        Prediction<Regressor> prediction = predict(example);
        SparseFeatures x = SparseFeatures.of(example, featureIDMap);
        double[][] w = network().layerWeights(0);
        List<Pair<String, Double>> contributions = new ArrayList<>(x.size() + 1);
        for (int j = 0; j < x.size(); j++) {
            int id = x.indices()[j];
            contributions.add(new Pair<>(featureIDMap.get(id).getName(), w[id][0] * x.values()[j]));
        }
        contributions.add(new Pair<>(BIAS_FEATURE, w[featureIDMap.size()][0]));
        return Optional.of(new Excuse<>(example, prediction, Map.of(dimensionName(), largestFirst(contributions, -1))));
    }

    private static List<Pair<String, Double>> largestFirst(List<Pair<String, Double>> pairs, int n) {
        pairs.sort(Comparator.comparingDouble((Pair<String, Double> p) -> -Math.abs(p.getB()))
                .thenComparing(Pair::getA));
        return n < 0 || n >= pairs.size() ? pairs : new ArrayList<>(pairs.subList(0, n));
    }

    @Override
    protected LinearRewardModel copy(String newName, ModelProvenance newProvenance) {
        return new LinearRewardModel(parts(newName, newProvenance));
    }
}
