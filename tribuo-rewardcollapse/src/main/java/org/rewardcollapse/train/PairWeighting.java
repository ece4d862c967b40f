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
    GAIN_DIFFERENCE;

    /** The largest score {@link #GAIN_DIFFERENCE} takes: 2^1024 overflows a double. */
    public static final double MAX_GAIN_SCORE = 1023;

    /**
     * Checks that a group's scores give finite, positive weights.
     * @param promptId The group, for the message.
     * @param scores Its ground-truth scores.
     * @throws IllegalArgumentException If a score is outside what the weighting takes, naming the prompt and score.
     */
    public void requireUsable(String promptId, double[] scores) {
        if (this != GAIN_DIFFERENCE) {
            return;
        }
        for (double s : scores) {
            if (!(s >= 0.0 && s <= MAX_GAIN_SCORE)) {
                throw new IllegalArgumentException("pairWeighting GAIN_DIFFERENCE needs relevance grades in [0, "
                        + (int) MAX_GAIN_SCORE + "]; prompt '" + promptId + "' has the score " + s);
            }
        }
    }

    /**
     * The weight of a pair.
     * @param better The better response's ground-truth score.
     * @param worse The worse response's score.
     * @return The weight, &gt; 0.
     */
    public double weight(double better, double worse) {
        return switch (this) {
            case UNIFORM -> 1.0;
            case SCORE_DIFFERENCE -> better - worse;
            case GAIN_DIFFERENCE -> Math.pow(2.0, better) - Math.pow(2.0, worse);
        };
    }
}
