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
 * Reward profiles: a group's rewards ordered by ground truth, worst to best, as the project's metrics define them.
 * Profiles of different lengths are compared on a common grid through their empirical quantile function,
 * Q(p) = profile[ceil(p n) - 1], at p = (k - 1/2) / m for k = 1..m; on its own length m = n a profile is unchanged.
 */
public final class Profiles {
    private Profiles() {}

    /**
     * A profile's empirical quantile function on the grid (k - 1/2) / m.
     * @param profile The profile (length n &gt;= 1).
     * @param m The grid size, &gt;= 1.
     * @return The m values.
     */
    public static double[] onGrid(double[] profile, int m) {
        if (profile.length == 0 || m < 1) {
            throw new IllegalArgumentException("need a non-empty profile and a positive grid, found n = "
                    + profile.length + ", m = " + m);
        }
        int n = profile.length;
        double[] grid = new double[m];
        for (int k = 0; k < m; k++) {
            double p = (k + 0.5) / m;
            int index = (int) Math.ceil(p * n) - 1;
            grid[k] = profile[Math.max(0, Math.min(n - 1, index))];
        }
        return grid;
    }

    /**
     * Rescales values to [0, 1] by their minimum and maximum.
     * @param values The values.
     * @return (v - min) / (max - min), or all 1/2 when every value is equal.
     */
    public static double[] minMaxNormalised(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = max > min ? (values[i] - min) / (max - min) : 0.5;
        }
        return out;
    }

    /**
     * The largest absolute difference between two profiles of equal length.
     * @param a A profile.
     * @param b Another.
     * @return max |a_k - b_k|.
     */
    public static double supDistance(double[] a, double[] b) {
        requireSameLength(a, b);
        double max = 0.0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }

    /**
     * The root mean square difference between two profiles of equal length.
     * @param a A profile.
     * @param b Another.
     * @return sqrt(mean (a_k - b_k)^2).
     */
    public static double rmsDistance(double[] a, double[] b) {
        requireSameLength(a, b);
        double sum = 0.0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            sum += d * d;
        }
        return Math.sqrt(sum / a.length);
    }

    private static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("profiles differ in length: " + a.length + " vs " + b.length);
        }
    }
}
