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
import org.rewardcollapse.utility.Utility;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The ranking loss of one prompt group, the whole method in one formula:
 * <pre>
 *   L(r) = - sum over ordered pairs (i better than j) of w_ij U(r_i - r_j - mu (s_i - s_j))
 *          + c * sum over the same pairs of (r_i + r_j - 2 m)^2
 * </pre>
 * where r are the group's rewards (bounded, sigmoid of the logit, in the paper's setting; the logits themselves
 * for the standard reward model), U is the group's utility, and the second term is the optional reward-centring
 * penalty with coefficient c around m (0 for unbounded rewards, 1/2 for bounded ones); for a chosen/rejected pair
 * it is TRL's {@code center_rewards_coefficient} term. The pair weight w_ij is 1 in the paper's objective; a
 * {@link PairWeighting} may weight pairs by their label difference for graded data, or by LambdaRank's |delta NDCG| at
 * the current rewards (held fixed when differentiating). With U(x) = log sigmoid(x) on
 * unbounded rewards and w = 1 this is the Bradley-Terry loss of InstructGPT, TRL and OpenRLHF. The margin coefficient
 * mu (0 by default, the paper's loss) asks the better response to lead by mu times its score lead s_i - s_j: the
 * margin of the Llama 2 reward model, which took it from the annotators' rating difference.
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 * A loss is its four settings, serializable so that a cluster's executors compute it ({@link NewtonGroupSums}).
 */
public final class RankingLoss implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double centring;
    private final double centre;
    private final PairWeighting weighting;
    private final double margin;

    /**
     * Creates the paper's loss (every pair counts 1).
     * @param centringCoefficient The centring coefficient c, &gt;= 0 (0 for none).
     * @param centre The centre m of the rewards.
     */
    public RankingLoss(double centringCoefficient, double centre) {
        this(centringCoefficient, centre, PairWeighting.UNIFORM);
    }

    /**
     * Creates the loss.
     * @param centringCoefficient The centring coefficient c, &gt;= 0 (0 for none).
     * @param centre The centre m of the rewards.
     * @param weighting How each pair is weighted.
     */
    public RankingLoss(double centringCoefficient, double centre, PairWeighting weighting) {
        this(centringCoefficient, centre, weighting, 0.0);
    }

    /**
     * Creates the loss with a margin.
     * @param centringCoefficient The centring coefficient c, &gt;= 0 (0 for none).
     * @param centre The centre m of the rewards.
     * @param weighting How each pair is weighted.
     * @param margin The margin coefficient mu, finite and &gt;= 0: each pair's utility is taken at
     *               {@code r_i - r_j - mu (s_i - s_j)} (0 for none).
     */
    public RankingLoss(double centringCoefficient, double centre, PairWeighting weighting, double margin) {
        if (!(margin >= 0.0 && Double.isFinite(margin))) {
            throw new IllegalArgumentException("margin must be finite and >= 0, found " + margin);
        }
        this.margin = margin;
        if (!(centringCoefficient >= 0.0 && Double.isFinite(centringCoefficient))) {
            throw new IllegalArgumentException("centring coefficient must be finite and >= 0, found " + centringCoefficient);
        }
        this.centring = centringCoefficient;
        this.centre = centre;
        this.weighting = weighting;
    }

    /**
     * The loss of a group and its gradient in the rewards.
     * @param group The group (its pairs index positions in {@code rewards}).
     * @param u The group's utility.
     * @param rewards The rewards, in group order.
     * @param gradient Receives dL/dr, in group order (same length as {@code rewards}).
     * @return The loss.
     */
    public double lossAndGradient(RankingGroup group, Utility u, double[] rewards, double[] gradient) {
        return lossGradientAndHessian(group, u, rewards, gradient, null);
    }

    /**
     * The loss of a group, its gradient and its Hessian in the rewards: the Hessian is
     * <pre>
     *   - sum over pairs of w_ij U''(x_ij) (e_i - e_j)(e_i - e_j)^T + 2 c sum over pairs of (e_i + e_j)(e_i + e_j)^T
     * </pre>
     * (a weighted Laplacian plus the centring term), positive semi-definite when U is concave and the weights are
     * fixed. {@link PairWeighting#LAMBDARANK} weights are held fixed at the current rewards, as in the gradient.
     * @param group The group (its pairs index positions in {@code rewards}).
     * @param u The group's utility.
     * @param rewards The rewards, in group order.
     * @param gradient Receives dL/dr, in group order (same length as {@code rewards}).
     * @param hessian Receives d2L/dr2, n by n in group order (zeroed first), or null for none.
     * @return The loss.
     */
    public double lossGradientAndHessian(RankingGroup group, Utility u, double[] rewards, double[] gradient,
                                         double[][] hessian) {
        Arrays.fill(gradient, 0.0);
        if (hessian != null) {
            for (double[] row : hessian) {
                Arrays.fill(row, 0.0);
            }
        }
        double[] scores = weighting == PairWeighting.UNIFORM && margin == 0.0 ? null : group.scores();
        double[] lambdas = weighting == PairWeighting.LAMBDARANK ? lambdaWeights(group, rewards) : null;
        double loss = 0.0;
        for (int k = 0; k < group.numPairs(); k++) {
            int i = group.better(k);
            int j = group.worse(k);
            double w = lambdas != null ? lambdas[k]
                    : weighting == PairWeighting.UNIFORM ? 1.0 : weighting.weight(scores[i], scores[j]);
            double x = rewards[i] - rewards[j] - (margin == 0.0 ? 0.0 : margin * (scores[i] - scores[j]));
            double slope = w * u.derivative(x);
            loss -= w * u.value(x);
            gradient[i] -= slope;
            gradient[j] += slope;
            if (hessian != null) {
                addPair(hessian, i, j, -w * u.secondDerivative(x), -1.0);
            }
            if (centring != 0.0) {
                double s = rewards[i] + rewards[j] - 2.0 * centre;
                loss += centring * s * s;
                gradient[i] += 2.0 * centring * s;
                gradient[j] += 2.0 * centring * s;
                if (hessian != null) {
                    addPair(hessian, i, j, 2.0 * centring, 1.0);
                }
            }
        }
        return loss;
    }

    /** Adds a (e_i + sign e_j)(e_i + sign e_j)^T to a Hessian. */
    private static void addPair(double[][] hessian, int i, int j, double a, double sign) {
        hessian[i][i] += a;
        hessian[j][j] += a;
        hessian[i][j] += sign * a;
        hessian[j][i] += sign * a;
    }

    /**
     * Does the loss depend on the rewards' common level (a reward-centring penalty), not only on their differences?
     * @return True when the centring coefficient is positive.
     */
    boolean centres() {
        return centring != 0.0;
    }

    private static double[] lambdaWeights(RankingGroup group, double[] rewards) {
        int[] better = new int[group.numPairs()];
        int[] worse = new int[group.numPairs()];
        for (int k = 0; k < better.length; k++) {
            better[k] = group.better(k);
            worse[k] = group.worse(k);
        }
        return PairWeighting.lambdaWeights(group.scores(), rewards, better, worse);
    }

    /**
     * The loss of a group without its gradient.
     * @param group The group.
     * @param u The utility.
     * @param rewards The rewards, in group order.
     * @return The loss.
     */
    public double loss(RankingGroup group, Utility u, double[] rewards) {
        return lossAndGradient(group, u, rewards, new double[rewards.length]);
    }

    /**
     * The number of correctly ordered pairs, ties counting one half (the numerator of pairwise accuracy).
     * @param group The group.
     * @param rewards The rewards, in group order.
     * @return The count.
     */
    public static double correctPairs(RankingGroup group, double[] rewards) {
        double correct = 0.0;
        for (int k = 0; k < group.numPairs(); k++) {
            double better = rewards[group.better(k)];
            double worse = rewards[group.worse(k)];
            correct += better > worse ? 1.0 : (better == worse ? 0.5 : 0.0);
        }
        return correct;
    }
}
