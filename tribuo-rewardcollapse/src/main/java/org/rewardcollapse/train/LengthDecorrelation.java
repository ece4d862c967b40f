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
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.model.SparseFeatures;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableInfo;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A length-decorrelated reward, after ODIN (Chen et al., "ODIN: Disentangled Reward Mitigates Hacking in RLHF",
 * ICML 2024), for a linear reward model: two heads, the <em>length head</em> (the weights of the featuriser's length
 * features, {@value ResponseFeaturizer#LENGTH_PREFIX}*) and the <em>quality head</em> (every other weight). The ranking
 * loss sees their sum, so the length head can absorb what length explains of the judgements; a penalty
 * {@code lambda * rho^2}, with rho the Pearson correlation over a minibatch's responses between the quality head's
 * logit and {@code log(1 + length in characters)}, both centred within each prompt (ODIN correlates across the batch;
 * a ranking only sees differences within a prompt), pushes the quality head off length; validation and snapshots
 * judge the quality head, and the model keeps (scores with, exports) the quality head only. ODIN puts its two heads on a shared transformer; here the length head reads the
 * length features themselves, which is why it needs a linear model.
 */
final class LengthDecorrelation implements BatchPenalty {
    private final double lambda;
    private final double[] logLength;
    private final SparseFeatures[] quality;
    private final int[] lengthRows;
    /** The penalty's slope at each response of the last prepared batch (0 elsewhere), by example index. */
    private final double[] slope;
    private int[] batch = new int[0];

    private LengthDecorrelation(double lambda, double[] logLength, SparseFeatures[] quality, int[] lengthRows) {
        this.lambda = lambda;
        this.logLength = logLength;
        this.quality = quality;
        this.lengthRows = lengthRows;
        this.slope = new double[quality.length];
    }

    /**
     * Prepares the decorrelation of a training set.
     * @param lambda The penalty's weight, &gt; 0.
     * @param examples The examples, by example index.
     * @param features Their features, by example index (null for examples in no group).
     * @param featureMap The feature ids.
     * @return The decorrelation.
     * @throws IllegalArgumentException If an example has no response length or the data has no length features.
     */
    static LengthDecorrelation of(double lambda, List<? extends Example<?>> examples, SparseFeatures[] features,
                                  ImmutableFeatureMap featureMap) {
        List<Integer> rows = new ArrayList<>();
        for (VariableInfo info : featureMap) {
            if (info.getName().startsWith(ResponseFeaturizer.LENGTH_PREFIX)) {
                rows.add(featureMap.getID(info.getName()));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("lengthDecorrelation needs the featuriser's length features ("
                    + ResponseFeaturizer.LENGTH_PREFIX + "*), which hold the length head; this data has none");
        }
        int[] lengthRows = rows.stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] logLength = new double[examples.size()];
        SparseFeatures[] quality = new SparseFeatures[examples.size()];
        for (int e = 0; e < examples.size(); e++) {
            if (features[e] == null) {
                continue;
            }
            int length = RankingMetadata.responseLength(examples.get(e));
            if (length < 0) {
                throw new IllegalArgumentException("lengthDecorrelation needs each response's length (text data read "
                        + "by a loader); example " + e + " has none");
            }
            logLength[e] = Math.log1p(length);
            quality[e] = without(features[e], lengthRows);
        }
        return new LengthDecorrelation(lambda, logLength, quality, lengthRows);
    }

    /** The quality head's input: an example's features without the length features. */
    @Override
    public SparseFeatures judged(int example, SparseFeatures features) {
        return quality[example];
    }

    @Override
    public double prepare(TrainableNetwork network, List<RankingGroup> groups, int[] order, int from, int to) {
        for (int e : batch) {
            slope[e] = 0.0;
        }
        List<Integer> exampleList = new ArrayList<>();
        List<Integer> promptList = new ArrayList<>();
        for (int p = from; p < to; p++) {
            RankingGroup group = groups.get(order[p]);
            for (int k = 0; k < group.size(); k++) {
                exampleList.add(group.exampleIndex(k));
                promptList.add(p - from);
            }
        }
        batch = exampleList.stream().mapToInt(Integer::intValue).toArray();
        int[] prompts = promptList.stream().mapToInt(Integer::intValue).toArray();
        double[] logits = new double[batch.length];
        for (int k = 0; k < batch.length; k++) {
            logits[k] = network.logit(quality[batch[k]]);
        }
        double[] slopes = new double[batch.length];
        double value = penalty(batch, prompts, logits, slopes);
        for (int k = 0; k < batch.length; k++) {
            slope[batch[k]] = slopes[k];
        }
        return value;
    }

    /** The penalty is on the quality head alone: its gradient reaches no length feature. */
    @Override
    public void backward(TrainableNetwork network, int example, Tensor[] gradient) {
        if (slope[example] != 0.0) {
            network.backward(quality[example], network.forward(quality[example]), -slope[example], gradient);
        }
    }

    /**
     * The penalty {@code lambda * rho^2} over some responses and its derivative in each quality logit. rho is the
     * Pearson correlation of the quality logits and the log lengths after centring both within each prompt: a ranking
     * sees only differences within a prompt, so a correlation across prompts could be cancelled by shifting whole
     * prompts while each prompt is still ranked by length. Zero when there are fewer than two degrees of freedom
     * (one pair alone is always perfectly correlated) or nothing varies.
     * @param examples The responses' example indices.
     * @param prompt The prompt (any label, 0-based) of each response.
     * @param logits Their quality heads' logits.
     * @param slopes Receives d penalty / d logit, aligned with {@code examples}.
     * @return The penalty.
     */
    double penalty(int[] examples, int[] prompt, double[] logits, double[] slopes) {
        int n = examples.length;
        Arrays.fill(slopes, 0.0);
        if (n - Arrays.stream(prompt).distinct().count() < 2) {
            return 0.0;
        }
        int labels = Arrays.stream(prompt).max().orElse(-1) + 1;
        double[] sumQ = new double[labels];
        double[] sumZ = new double[labels];
        int[] count = new int[labels];
        for (int k = 0; k < n; k++) {
            sumQ[prompt[k]] += logits[k];
            sumZ[prompt[k]] += logLength[examples[k]];
            count[prompt[k]]++;
        }
        double[] dq = new double[n];
        double[] dz = new double[n];
        double sqq = 0.0;
        double szz = 0.0;
        double sqz = 0.0;
        for (int k = 0; k < n; k++) {
            dq[k] = logits[k] - sumQ[prompt[k]] / count[prompt[k]];
            dz[k] = logLength[examples[k]] - sumZ[prompt[k]] / count[prompt[k]];
            sqq += dq[k] * dq[k];
            szz += dz[k] * dz[k];
            sqz += dq[k] * dz[k];
        }
        if (!(sqq > 0.0 && szz > 0.0)) {
            return 0.0;
        }
        double norm = Math.sqrt(sqq * szz);
        double rho = sqz / norm;
        // The centring drops out of the derivative: within a prompt the deviations sum to zero.
        for (int k = 0; k < n; k++) {
            slopes[k] = 2.0 * lambda * rho * (dz[k] / norm - rho * dq[k] / sqq);
        }
        return lambda * rho * rho;
    }

    /**
     * Removes the length head: zeroes the length features' weights, leaving the quality head.
     * @param weights The network's weights (the first tensor is the input layer, one row per feature).
     */
    @Override
    public void finish(Tensor[] weights) {
        TrainingProgress.line(() -> "length head removed: the model scores with the quality head alone");
        DenseMatrix first = (DenseMatrix) weights[0];
        for (int row : lengthRows) {
            for (int c = 0; c < first.getDimension2Size(); c++) {
                first.set(row, c, 0.0);
            }
        }
    }

    private static SparseFeatures without(SparseFeatures x, int[] rows) {
        int[] indices = new int[x.size()];
        double[] values = new double[x.size()];
        int k = 0;
        for (int j = 0; j < x.size(); j++) {
            if (Arrays.binarySearch(rows, x.indices()[j]) < 0) {
                indices[k] = x.indices()[j];
                values[k] = x.values()[j];
                k++;
            }
        }
        return new SparseFeatures(Arrays.copyOf(indices, k), Arrays.copyOf(values, k));
    }
}
