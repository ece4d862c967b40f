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
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multi-layer perceptron reward model: dense hidden layers with an activation over sparse features, one output
 * logit and the reward head. The capacity the interpolating regime needs, where reward collapse happens.
 * <p>
 * A nonlinear network has no faithful per-feature score, so {@link #getTopFeatures} returns an empty map and
 * {@link #getExcuse} an empty excuse, as Tribuo's contract allows.
 */
public final class MlpRewardModel extends RewardModel {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a model.
     * @param parts The parts (the network with at least one hidden layer).
     */
    public MlpRewardModel(Parts parts) {
        super(parts);
        if (network().numLayers() < 2) {
            throw new IllegalArgumentException("an MLP reward model needs at least one hidden layer");
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
    public static MlpRewardModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        Parts p = unpack(version, message);
        try {
            return new MlpRewardModel(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, " + e.getMessage());
        }
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Regressor>> getExcuse(Example<Regressor> example) {
        return Optional.empty();
    }

    @Override
    protected MlpRewardModel copy(String newName, ModelProvenance newProvenance) {
        return new MlpRewardModel(parts(newName, newProvenance));
    }
}
