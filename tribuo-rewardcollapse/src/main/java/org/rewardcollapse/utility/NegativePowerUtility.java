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
 * U(x) = -x^(-g), g &gt; 0. For 0 &lt; g &lt; 1 the interpolating optimum tends to Beta((1+g)/2, (1+g)/2)
 * (hump-shaped); for g &gt;= 1 to Uniform(0, 1). {@code inverse} is g = 1.
 * With eps: eps^(-g) - (x + eps)^(-g), and g eps^(-g-1) x below zero.
 */
public class NegativePowerUtility extends ShiftedUtility {
    /** The largest exponent: beyond it U and its slopes overflow double precision on [0, 1]. */
    public static final double MAX_EXPONENT = 100;

    private final double g;

    /**
     * Creates the utility.
     * @param g The exponent, in (0, {@value #MAX_EXPONENT}].
     * @param eps The shift, &gt;= 0.
     */
    public NegativePowerUtility(double g, double eps) {
        super(eps);
        if (!(g > 0.0 && g <= MAX_EXPONENT)) {
            throw new IllegalArgumentException("neg-power:G needs G in (0, " + Utilities.format(MAX_EXPONENT) + "], found " + g);
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
    final double u(double x) {
        return -Math.pow(x, -g);
    }

    @Override
    final double du(double x) {
        return g * Math.pow(x, -g - 1.0);
    }

    @Override
    final double d2u(double x) {
        return -g * (g + 1.0) * Math.pow(x, -g - 2.0);
    }

    @Override
    final double uAtZero() {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    final double duAtZero() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    String baseSpec() {
        return Utilities.NEG_POWER + ":" + Utilities.format(g);
    }

    @Override
    final LimitShape pureLimitShape() {
        return LimitShape.beta(Math.min(1.0, (1.0 + g) / 2.0));
    }

    @Override
    public final Curvature curvature() {
        return Curvature.STRICTLY_CONCAVE;
    }

    @Override
    public boolean boundedAbove() {
        return true;
    }
}
