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

/**
 * How much each ordered pair counts in the ranking loss. The paper's objective counts every pair once
 * ({@link #UNIFORM}); with graded labels (LETOR relevance 0-4, ratings) a learning-to-rank user may weight a pair by
 * how far apart its labels are, as RankNet-style rankers and LambdaRank's gain term do. Weighted pairs change the
 * interpolating optimum, so the theory's closed forms hold for {@link #UNIFORM} only.
 */
public enum PairWeighting {
    /** Every strictly ordered pair counts 1 (the paper's objective). */
    UNIFORM,
    /** A pair counts |s_better - s_worse|, the difference of the ground-truth scores. */
    SCORE_DIFFERENCE,
    /** A pair counts 2^s_better - 2^s_worse, the difference of the NDCG gains of the two labels. */
    GAIN_DIFFERENCE,
    /**
     * LambdaRank: a pair counts |delta NDCG|, how much the group's NDCG would change if the two responses swapped places
     * in the ranking the current rewards give (gains 2^s - 1, discounts 1 / log2(1 + position)). The weights follow the
     * rewards, and are held fixed when the loss is differentiated (LambdaRank's gradient): the loss is then a surrogate
     * whose gradient is exact as long as no two rewards swap.
     */
    LAMBDARANK;

    /** The largest score {@link #GAIN_DIFFERENCE} takes: 2^1024 overflows a double. */
    public static final double MAX_GAIN_SCORE = 1023;

    /**
     * Checks that a group's scores give finite, positive weights.
     * @param promptId The group, for the message.
     * @param scores Its ground-truth scores.
     * @throws IllegalArgumentException If a score is outside what the weighting takes, naming the prompt and score.
     */
    public void requireUsable(String promptId, double[] scores) {
        if (this != GAIN_DIFFERENCE && this != LAMBDARANK) {
            return;
        }
        for (double s : scores) {
            if (!(s >= 0.0 && s <= MAX_GAIN_SCORE)) {
                throw new IllegalArgumentException("pairWeighting " + this + " needs relevance grades in [0, "
                        + (int) MAX_GAIN_SCORE + "]; prompt '" + promptId + "' has the score " + s);
            }
        }
    }

    /**
     * The weight of a pair, for the weightings that depend on the labels alone.
     * @param better The better response's ground-truth score.
     * @param worse The worse response's score.
     * @return The weight, &gt; 0.
     * @throws IllegalStateException For {@link #LAMBDARANK}, whose weights need the rewards ({@link #lambdaWeights}).
     */
    public double weight(double better, double worse) {
        return switch (this) {
            case UNIFORM -> 1.0;
            case SCORE_DIFFERENCE -> better - worse;
            case GAIN_DIFFERENCE -> Math.pow(2.0, better) - Math.pow(2.0, worse);
            case LAMBDARANK -> throw new IllegalStateException("LAMBDARANK weights depend on the rewards");
        };
    }

    /**
     * LambdaRank's weights of a group's pairs: |delta NDCG| of swapping each pair in the ranking by the rewards.
     * @param scores The ground-truth scores (grades).
     * @param rewards The current rewards.
     * @param better The better response of each pair.
     * @param worse The worse response of each pair.
     * @return The weight of each pair (0 for pairs whose swap leaves NDCG unchanged).
     */
    public static double[] lambdaWeights(double[] scores, double[] rewards, int[] better, int[] worse) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Highest reward first; ties keep the group order, so the weights are deterministic.
        java.util.Arrays.sort(order, (a, b) -> Double.compare(rewards[b], rewards[a]));
        double[] discount = new double[n];
        for (int position = 0; position < n; position++) {
            discount[order[position]] = 1.0 / (Math.log(position + 2.0) / Math.log(2.0));
        }
        // Gains 2^s - 1 over 2^max(s): the weights are ratios of gains to the ideal DCG, unchanged by the common
        // factor, which keeps grades up to 1023 from overflowing the sums.
        double top = java.util.Arrays.stream(scores).max().orElse(0.0);
        double[] gains = new double[n];
        for (int i = 0; i < n; i++) {
            gains[i] = Math.pow(2.0, scores[i] - top) - Math.pow(2.0, -top);
        }
        double[] ideal = gains.clone();
        java.util.Arrays.sort(ideal);
        double idcg = 0.0;
        for (int position = 0; position < n; position++) {
            idcg += ideal[n - 1 - position] / (Math.log(position + 2.0) / Math.log(2.0));
        }
        double[] weights = new double[better.length];
        for (int k = 0; k < better.length; k++) {
            int i = better[k];
            int j = worse[k];
            weights[k] = idcg == 0.0 ? 0.0 : Math.abs((gains[i] - gains[j]) * (discount[i] - discount[j])) / idcg;
        }
        return weights;
    }
}
