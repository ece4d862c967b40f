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
package org.rewardcollapse.train;

import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One prompt group as Newton training ships it to another JVM (a Spark executor): its id, type and scores, its
 * utility's spec and its responses' sparse features in compressed rows, with nothing that refers to the driver's
 * dataset. {@link #addTo} adds it to {@link NewtonSums} exactly as the local driver adds the same group, so sums over
 * the same groups in the same order are bit-identical wherever they run. The group and utility are rebuilt from
 * these fields once per JVM (on first use) and kept with the object, which a cached RDD keeps between iterations.
 */
public final class NewtonGroup implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String promptId;
    private final String promptType;
    private final double[] scores;
    private final String utility;
    private final int[] offsets;
    private final int[] indices;
    private final double[] values;
    private transient Rebuilt rebuilt;

    /** What the fields describe, rebuilt once per JVM (a record's final fields publish it safely to other threads). */
    private record Rebuilt(RankingGroup group, Utility utility, SparseFeatures[] rows) {}

    private NewtonGroup(String promptId, String promptType, double[] scores, String utility, int[] offsets,
                        int[] indices, double[] values) {
        this.promptId = promptId;
        this.promptType = promptType;
        this.scores = scores;
        this.utility = utility;
        this.offsets = offsets;
        this.indices = indices;
        this.values = values;
    }

    /**
     * The groups of a training run, in their order.
     * @throws IllegalArgumentException If a group's utility is not rebuilt exactly from its spec (a utility of the
     *                                  user's own class), naming it.
     */
    static List<NewtonGroup> of(TrainingGroups training) {
        List<NewtonGroup> all = new ArrayList<>(training.groups().size());
        for (int g = 0; g < training.groups().size(); g++) {
            all.add(of(training.groups().groups().get(g), training.assignment().utility(g), training.features()));
        }
        return all;
    }

    /** One group, its features taken by example index. */
    static NewtonGroup of(RankingGroup group, Utility u, SparseFeatures[] features) {
        Utility back;
        try {
            back = Utilities.parse(u.spec());
        } catch (IllegalArgumentException e) {
            back = null;
        }
        if (back == null || back.getClass() != u.getClass() || !back.spec().equals(u.spec())) {
            throw new IllegalArgumentException("utility '" + u.spec() + "' (" + u.getClass().getName() + ") of prompt '"
                    + group.promptId() + "' is not rebuilt from its spec, so it cannot be sent to other machines; "
                    + "train it on one machine");
        }
        int n = group.size();
        int[] offsets = new int[n + 1];
        for (int k = 0; k < n; k++) {
            offsets[k + 1] = offsets[k] + features[group.exampleIndex(k)].size();
        }
        int[] indices = new int[offsets[n]];
        double[] values = new double[offsets[n]];
        for (int k = 0; k < n; k++) {
            SparseFeatures x = features[group.exampleIndex(k)];
            System.arraycopy(x.indices(), 0, indices, offsets[k], x.size());
            System.arraycopy(x.values(), 0, values, offsets[k], x.size());
        }
        return new NewtonGroup(group.promptId(), group.promptType().orElse(null), group.scores().clone(), u.spec(),
                offsets, indices, values);
    }

    /**
     * Adds this group's objective, gradient and (if the sums have it) Hessian at a point.
     * @param sums The sums.
     * @param loss The loss.
     * @param point The weights, then the bias.
     */
    public void addTo(NewtonSums sums, RankingLoss loss, double[] point) {
        Rebuilt r = rebuilt;
        if (r == null) {
            int n = scores.length;
            int[] positions = new int[n];
            SparseFeatures[] x = new SparseFeatures[n];
            for (int k = 0; k < n; k++) {
                positions[k] = k;
                x[k] = new SparseFeatures(Arrays.copyOfRange(indices, offsets[k], offsets[k + 1]),
                        Arrays.copyOfRange(values, offsets[k], offsets[k + 1]));
            }
            r = new Rebuilt(new RankingGroup(promptId, promptType, positions, scores), Utilities.parse(utility), x);
            rebuilt = r;
        }
        sums.add(r.group(), r.utility(), loss, r.rows(), point);
    }

    /**
     * The prompt's id.
     * @return The id.
     */
    public String promptId() {
        return promptId;
    }

    /**
     * The number of responses.
     * @return The count.
     */
    public int size() {
        return scores.length;
    }

    /**
     * The number of stored feature values over all responses.
     * @return The count.
     */
    public int nonZeros() {
        return values.length;
    }
}
