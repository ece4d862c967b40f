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
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.VariableInfo;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;

/**
 * A reward model scored in the JVM, as {@code score --model} scores it: {@code Model.predict}, and for an ensemble the
 * square root of the predicted variance as the members' standard deviation.
 */
final class JvmTextScorer extends TextRewardScorer {
    private final Model<Regressor> model;
    private final ImmutableFeatureMap features;

    JvmTextScorer(Model<Regressor> model, String name, EncoderSetup encoder) {
        super(name, ResponseFeaturizer.fromProvenance(model.getProvenance(), encoder), names(model.getFeatureIDMap()));
        this.model = model;
        this.features = model.getFeatureIDMap();
    }

    private static List<String> names(ImmutableFeatureMap map) {
        List<String> names = new ArrayList<>(map.size());
        for (VariableInfo info : map) {
            names.add(info.getName());
        }
        return names;
    }

    @Override
    boolean knowsFeature(String featureName) {
        return features.get(featureName) != null;
    }

    @Override
    TextRewards scoreExamples(List<Example<Regressor>> examples) {
        List<Prediction<Regressor>> predictions = model.predict(examples);
        double[] rewards = new double[predictions.size()];
        double[] std = hasSpread() ? new double[predictions.size()] : null;
        for (int i = 0; i < rewards.length; i++) {
            Regressor output = predictions.get(i).getOutput();
            rewards[i] = output.getValues()[0];
            if (std != null) {
                std[i] = Math.sqrt(output.getVariances()[0]);
            }
        }
        return new TextRewards(rewards, std);
    }

    @Override
    public String modelDescription() {
        return model instanceof EnsembleRewardModel ensemble
                ? "ensemble of " + ensemble.members().size() + " " + ensemble.members().get(0).getClass().getSimpleName()
                + "s" : model.getClass().getSimpleName();
    }

    @Override
    public String device() {
        return "jvm";
    }

    @Override
    public int numFeatures() {
        return features.size();
    }

    @Override
    public boolean hasSpread() {
        return model instanceof EnsembleRewardModel;
    }
}
