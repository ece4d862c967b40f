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
package org.rewardcollapse.utility;

/**
 * U(x) = x^g, g &gt; 0. For 0 &lt; g &lt; 1 the interpolating optimum tends to Beta((1-g)/2, (1-g)/2)
 * (U-shaped); for g &gt;= 1 it is polarised (half at 0, half at 1). {@code power:1} is the linear utility.
 * With eps: (x + eps)^g - eps^g, and g eps^(g-1) x below zero.
 */
public final class PowerUtility extends ShiftedUtility {
    /** The largest exponent: beyond it U and its slopes overflow double precision on [0, 1]. */
    public static final double MAX_EXPONENT = 100;

    private final double g;

    /**
     * Creates the utility.
     * @param g The exponent, in (0, {@value #MAX_EXPONENT}].
     * @param eps The shift, &gt;= 0.
     */
    public PowerUtility(double g, double eps) {
        super(eps);
        if (!(g > 0.0 && g <= MAX_EXPONENT)) {
            throw new IllegalArgumentException("power:G needs G in (0, " + Utilities.format(MAX_EXPONENT) + "], found " + g);
        }
        this.g = g;
    }

    /**
     * The exponent.
     * @return g.
     */
    public double exponent() {
        return g;
    }

    @Override
    double u(double x) {
        return Math.pow(x, g);
    }

    @Override
    double du(double x) {
        return g * Math.pow(x, g - 1.0);
    }

    @Override
    double d2u(double x) {
        return g * (g - 1.0) * Math.pow(x, g - 2.0);
    }

    @Override
    double uAtZero() {
        return 0.0;
    }

    @Override
    double duAtZero() {
        return g < 1.0 ? Double.POSITIVE_INFINITY : (g == 1.0 ? 1.0 : 0.0);
    }

    @Override
    String baseSpec() {
        return Utilities.POWER + ":" + Utilities.format(g);
    }

    @Override
    LimitShape pureLimitShape() {
        return g < 1.0 ? LimitShape.beta((1.0 - g) / 2.0) : LimitShape.TWO_POINT;
    }

    @Override
    public Curvature curvature() {
        return g < 1.0 ? Curvature.STRICTLY_CONCAVE : (g == 1.0 ? Curvature.LINEAR : Curvature.CONVEX);
    }

    @Override
    public boolean boundedAbove() {
        return false;
    }
}
