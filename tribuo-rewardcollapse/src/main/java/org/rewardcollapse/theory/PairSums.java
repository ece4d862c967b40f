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
package org.rewardcollapse.theory;

import org.rewardcollapse.utility.Utility;

/**
 * The interpolating objective S(r) = sum over i &lt; j of U(r_j - r_i) for ascending rewards r, and its
 * derivatives with respect to the n - 1 gaps g_k = r_(k+1) - r_k, each in O(n^2) time:
 * <pre>
 * dS/dg_k        = sum over i &lt;= k &lt; j of U'(r_j - r_i)
 * d2S/dg_k dg_l  = sum over i &lt;= min(k,l), j &gt; max(k,l) of U''(r_j - r_i)
 * </pre>
 * computed with suffix sums over j and a running sum over i. Each method takes the gaps, not the rewards: a
 * difference r_j - r_i is summed from the gaps between them, so a gap of 1e-9 beside rewards near 1 keeps all its
 * digits (as a difference of two rewards it kept about 7, and U'(g) ~ g^-1/2 of {@code power:0.5} held the KKT
 * residual at 1.7e-7 at n = 1000).
 */
final class PairSums {
    private PairSums() {}

    /**
     * S(r).
     * @param u The utility.
     * @param g The gaps of ascending rewards, g_k = r_(k+1) - r_k &gt;= 0.
     * @return The objective (negative infinity if two rewards tie under a utility singular at 0).
     */
    static double value(Utility u, double[] g) {
        double sum = 0.0;
        for (int i = 0; i < g.length; i++) {
            double difference = 0.0;
            for (int k = i; k < g.length; k++) {
                difference += g[k];
                sum += u.value(difference);
            }
        }
        return sum;
    }

    /**
     * The gradient with respect to the gaps.
     * @param u The utility.
     * @param g The gaps of ascending rewards.
     * @return dS/dg, length n - 1.
     */
    static double[] gapGradient(Utility u, double[] g) {
        int m = g.length;
        double[] gradient = new double[m];
        double[] differences = new double[m + 1];
        for (int i = 0; i < m; i++) {
            differencesFrom(g, i, differences);
            double suffix = 0.0;
            for (int j = m; j > i; j--) {
                suffix += u.derivative(differences[j]);
                gradient[j - 1] += suffix;
            }
        }
        return gradient;
    }

    /** r_j - r_i for j &gt; i into differences[j], each a running sum of the gaps from i. */
    private static void differencesFrom(double[] g, int i, double[] differences) {
        double difference = 0.0;
        for (int j = i + 1; j <= g.length; j++) {
            difference += g[j - 1];
            differences[j] = difference;
        }
    }

    /**
     * The gradient with respect to the gaps, and the Hessian folded onto the symmetric gaps h_a (a &lt; p =
     * ceil((n - 1) / 2)), which stand for g_a and g_(n-2-a): reduced[a][b] is the sum of d2S/dg_k dg_l over the
     * gaps k of a and l of b. The Hessian's rows are built one at a time (row k is row k - 1 plus the curvature of
     * the pairs with i = k) and folded as they are made, so no n x n matrix is held; U' and U'' of a pair come
     * from one {@link Utility#derivatives(double, double[])} call.
     * @param u The utility.
     * @param g The gaps of ascending rewards.
     * @param gradient Output: dS/dg, length n - 1, overwritten.
     * @param reduced Output: the folded Hessian, p x p, symmetric, overwritten.
     */
    static void symmetricGapDerivatives(Utility u, double[] g, double[] gradient, double[][] reduced) {
        int m = g.length;
        int p = reduced.length;
        java.util.Arrays.fill(gradient, 0.0);
        for (double[] row : reduced) {
            java.util.Arrays.fill(row, 0.0);
        }
        double[] curvatureSuffix = new double[m];
        double[] row = new double[m];
        double[] diagonal = new double[p];
        double[] pair = new double[2];
        double[] differences = new double[m + 1];
        for (int k = 0; k < m; k++) {
            double slope = 0.0;
            double curvature = 0.0;
            differencesFrom(g, k, differences);
            for (int j = m; j > k; j--) {
                u.derivatives(differences[j], pair);
                slope += pair[0];
                curvature += pair[1];
                gradient[j - 1] += slope;
                curvatureSuffix[j - 1] = curvature;
            }
            // Row k of the Hessian, d2S/dg_k dg_l for l >= k, then its off-diagonal part summed into row a of the
            // fold (contiguous); the fold's transpose is added at the end.
            int a = Math.min(k, m - 1 - k);
            double[] target = reduced[a];
            row[k] += curvatureSuffix[k];
            diagonal[a] += row[k];
            for (int l = k + 1; l < m; l++) {
                double value = row[l] + curvatureSuffix[l];
                row[l] = value;
                target[Math.min(l, m - 1 - l)] += value;
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double sum = reduced[a][b] + reduced[b][a];
                reduced[a][b] = sum;
                reduced[b][a] = sum;
            }
            reduced[a][a] += diagonal[a];
        }
    }
}
