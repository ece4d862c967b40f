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
 * computed with suffix sums over j and a running sum over i.
 */
final class PairSums {
    private PairSums() {}

    /**
     * S(r).
     * @param u The utility.
     * @param r Ascending rewards.
     * @return The objective (negative infinity if two rewards tie under a utility singular at 0).
     */
    static double value(Utility u, double[] r) {
        double sum = 0.0;
        for (int i = 0; i < r.length - 1; i++) {
            for (int j = i + 1; j < r.length; j++) {
                sum += u.value(r[j] - r[i]);
            }
        }
        return sum;
    }

    /**
     * The gradient with respect to the gaps.
     * @param u The utility.
     * @param r Ascending rewards.
     * @return dS/dg, length n - 1.
     */
    static double[] gapGradient(Utility u, double[] r) {
        int m = r.length - 1;
        double[] gradient = new double[m];
        for (int i = 0; i < m; i++) {
            double suffix = 0.0;
            for (int j = m; j > i; j--) {
                suffix += u.derivative(r[j] - r[i]);
                gradient[j - 1] += suffix;
            }
        }
        return gradient;
    }

    /**
     * The gradient and the Hessian with respect to the gaps.
     * @param u The utility.
     * @param r Ascending rewards.
     * @param gradient Output: dS/dg, length n - 1, overwritten.
     * @param hessian Output: row k holds d2S/dg_k dg_l for l &gt;= k (the upper triangle), overwritten.
     */
    static void gapDerivatives(Utility u, double[] r, double[] gradient, double[][] hessian) {
        int m = r.length - 1;
        java.util.Arrays.fill(gradient, 0.0);
        double[] curvatureSuffix = new double[m];
        for (int i = 0; i < m; i++) {
            double slope = 0.0;
            double curvature = 0.0;
            for (int j = m; j > i; j--) {
                double d = r[j] - r[i];
                slope += u.derivative(d);
                curvature += u.secondDerivative(d);
                gradient[j - 1] += slope;
                curvatureSuffix[j - 1] = curvature;
            }
            double[] row = hessian[i];
            double[] previous = i > 0 ? hessian[i - 1] : null;
            for (int l = i; l < m; l++) {
                row[l] = (previous == null ? 0.0 : previous[l]) + curvatureSuffix[l];
            }
        }
    }
}
