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

/**
 * The Cholesky factorisation of a small dense symmetric positive definite matrix and its solves, on plain
 * arrays: the Newton steps of {@link InterpolatingSolver} factor one matrix of up to 1,000 rows per step. The
 * arithmetic is that of Commons Math's {@code CholeskyDecomposition} (the same operations in the same order,
 * right-looking on the upper triangle), without its matrix and vector objects.
 */
final class Cholesky {
    private Cholesky() {}

    /**
     * Factors A = L L^T.
     * @param a A symmetric matrix; only its upper triangle is read; not modified.
     * @return L^T (upper triangular, the lower triangle zero), or null when a pivot is not positive (A is not
     * positive definite, or not numerically).
     */
    static double[][] factor(double[][] a) {
        int order = a.length;
        double[][] lt = new double[order][];
        for (int i = 0; i < order; i++) {
            lt[i] = new double[order];
            System.arraycopy(a[i], i, lt[i], i, order - i);
        }
        for (int i = 0; i < order; i++) {
            double[] ltI = lt[i];
            if (ltI[i] <= 0.0) {
                return null;
            }
            ltI[i] = Math.sqrt(ltI[i]);
            double inverse = 1.0 / ltI[i];
            for (int q = order - 1; q > i; q--) {
                ltI[q] *= inverse;
                double[] ltQ = lt[q];
                double ltIQ = ltI[q];
                for (int p = q; p < order; p++) {
                    ltQ[p] -= ltIQ * ltI[p];
                }
            }
        }
        return lt;
    }

    /**
     * Solves A x = b given the factor of A.
     * @param lt L^T from {@link #factor(double[][])}.
     * @param b The right-hand side; not modified.
     * @return x.
     */
    static double[] solve(double[][] lt, double[] b) {
        int order = lt.length;
        double[] x = b.clone();
        // L y = b, L's column j being row j of L^T.
        for (int j = 0; j < order; j++) {
            double[] ltJ = lt[j];
            x[j] /= ltJ[j];
            double xJ = x[j];
            for (int i = j + 1; i < order; i++) {
                x[i] -= xJ * ltJ[i];
            }
        }
        // L^T x = y.
        for (int j = order - 1; j >= 0; j--) {
            x[j] /= lt[j][j];
            double xJ = x[j];
            for (int i = 0; i < j; i++) {
                x[i] -= xJ * lt[i][j];
            }
        }
        return x;
    }
}
