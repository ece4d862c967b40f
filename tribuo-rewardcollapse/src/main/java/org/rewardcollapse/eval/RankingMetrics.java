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
package org.rewardcollapse.eval;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Ranking metrics of one prompt group: ground-truth scores (higher is better) against predicted rewards.
 * Definitions (shared by the whole project):
 * <ul>
 *     <li>pairwise accuracy: over the strictly ordered ground-truth pairs, the fraction where the better response
 *     has the higher reward; a predicted tie counts 1/2;</li>
 *     <li>Kendall's tau-b and Spearman's rho (average ranks for ties), from Commons Math;</li>
 *     <li>NDCG@k with gain 2^label - 1 and discount 1 / log2(1 + position); predicted ties are broken pessimistically
 *     (lower label first), so a constant scorer earns no credit.</li>
 * </ul>
 * Each returns NaN where the metric is undefined for the group (no ordered pair, a constant vector, no relevant
 * response); callers average over the groups where it is defined.
 */
public final class RankingMetrics {
    /** The largest relevance grade NDCG takes: 2^1024 overflows a double. */
    public static final double MAX_GRADE = 1023;

    private RankingMetrics() {}

    /**
     * Pairwise accuracy.
     * @param scores Ground truth.
     * @param rewards Predictions.
     * @return The accuracy, or NaN if the group has no ordered pair.
     */
    public static double pairwiseAccuracy(double[] scores, double[] rewards) {
        double correct = 0.0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (scores[i] > scores[j]) {
                    pairs++;
                    correct += rewards[i] > rewards[j] ? 1.0 : (rewards[i] == rewards[j] ? 0.5 : 0.0);
                }
            }
        }
        return pairs == 0 ? Double.NaN : correct / pairs;
    }

    /**
     * Kendall's tau-b.
     * @param scores Ground truth.
     * @param rewards Predictions.
     * @return tau-b, or NaN if either vector is constant.
     */
    public static double kendallTauB(double[] scores, double[] rewards) {
        if (constant(scores) || constant(rewards)) {
            return Double.NaN;
        }
        return new KendallsCorrelation().correlation(scores, rewards);
    }

    /**
     * Spearman's rho with average ranks for ties.
     * @param scores Ground truth.
     * @param rewards Predictions.
     * @return rho, or NaN if either vector is constant.
     */
    public static double spearmanRho(double[] scores, double[] rewards) {
        if (constant(scores) || constant(rewards)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(scores, rewards);
    }

    /**
     * NDCG at a cut-off.
     * @param labels Ground-truth relevance labels (gain 2^label - 1).
     * @param rewards Predictions.
     * @param k The cut-off, &gt;= 1.
     * @return NDCG@k, or NaN if no response has a positive gain or a label is not a relevance grade
     *         ({@link #areGrades}).
     */
    public static double ndcg(double[] labels, double[] rewards, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("NDCG cut-off k must be >= 1, found " + k);
        }
        if (!areGrades(labels)) {
            return Double.NaN;
        }
        Integer[] predicted = IntStream.range(0, labels.length).boxed().toArray(Integer[]::new);
        Arrays.sort(predicted, Comparator.<Integer>comparingDouble(i -> -rewards[i]).thenComparingDouble(i -> labels[i]));
        double[] ideal = labels.clone();
        Arrays.sort(ideal);
        double idcg = 0.0;
        double dcg = 0.0;
        for (int position = 0; position < Math.min(k, labels.length); position++) {
            double discount = 1.0 / (Math.log(position + 2.0) / Math.log(2.0));
            idcg += (Math.pow(2.0, ideal[labels.length - 1 - position]) - 1.0) * discount;
            dcg += (Math.pow(2.0, labels[predicted[position]]) - 1.0) * discount;
        }
        return idcg > 0.0 ? dcg / idcg : Double.NaN;
    }

    /**
     * Are the labels relevance grades NDCG can use: in [0, {@value #MAX_GRADE}], where the gain 2^label - 1 is finite
     * and non-negative?
     * @param labels The labels.
     * @return True if every label is a grade.
     */
    public static boolean areGrades(double[] labels) {
        return Arrays.stream(labels).allMatch(l -> l >= 0.0 && l <= MAX_GRADE);
    }

    private static boolean constant(double[] values) {
        return Arrays.stream(values).distinct().count() < 2;
    }
}
