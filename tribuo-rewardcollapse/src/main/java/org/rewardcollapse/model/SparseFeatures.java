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

import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingGroups;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;

import java.util.List;

/**
 * The active features of one example as parallel arrays of feature ids (from a model's
 * {@link ImmutableFeatureMap}) and values, built with Tribuo's {@link SparseVector#createSparseVector}: features the
 * map does not know are dropped and repeated names are summed.
 *
 * @param indices The feature ids, ascending.
 * @param values The values.
 */
public record SparseFeatures(int[] indices, double[] values) {
    /**
     * Converts an example.
     * @param example The example.
     * @param featureMap The feature ids.
     * @return Its features.
     * @throws IllegalArgumentException If a feature value is NaN or infinite.
     */
    public static SparseFeatures of(Example<?> example, ImmutableFeatureMap featureMap) {
        SparseVector vector = sparse(example, featureMap);
        int[] indices = new int[vector.numActiveElements()];
        double[] values = new double[indices.length];
        int k = 0;
        for (VectorTuple tuple : vector) {
            if (!Double.isFinite(tuple.value)) {
                throw new IllegalArgumentException("feature '" + featureMap.get(tuple.index).getName()
                        + "' has a non-finite value " + tuple.value);
            }
            indices[k] = tuple.index;
            values[k] = tuple.value;
            k++;
        }
        return new SparseFeatures(indices, values);
    }

    /**
     * Converts the examples of every group, leaving the examples in no group out.
     * @param examples The examples.
     * @param groups Their groups.
     * @param featureMap The feature ids.
     * @return The features by example index (null for an example in no group).
     * @throws IllegalArgumentException If a feature value is NaN or infinite, naming the example and its prompt.
     */
    public static SparseFeatures[] ofGroups(List<? extends Example<?>> examples, RankingGroups groups,
                                            ImmutableFeatureMap featureMap) {
        SparseFeatures[] features = new SparseFeatures[examples.size()];
        for (RankingGroup group : groups) {
            for (int k = 0; k < group.size(); k++) {
                int index = group.exampleIndex(k);
                try {
                    features[index] = of(examples.get(index), featureMap);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("example " + index + " (prompt '" + group.promptId() + "'): "
                            + e.getMessage(), e);
                }
            }
        }
        return features;
    }

    /**
     * The mean number of active features (the fan-in a network's first layer sees).
     * @param features Features, some possibly null (not counted).
     * @return The mean, 1 when there are none.
     */
    public static double meanSize(SparseFeatures[] features) {
        long active = 0;
        long count = 0;
        for (SparseFeatures f : features) {
            if (f != null) {
                active += f.size();
                count++;
            }
        }
        return count == 0 ? 1.0 : active / (double) count;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // the output type plays no part in the feature conversion
    private static SparseVector sparse(Example<?> example, ImmutableFeatureMap featureMap) {
        return SparseVector.createSparseVector((Example) example, featureMap, false);
    }

    /**
     * The number of active features.
     * @return The count.
     */
    public int size() {
        return indices.length;
    }
}
