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

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

import java.util.Optional;

/**
 * A symmetric Beta(a, a) limit law (arcsine at a = 1/2, uniform at a = 1), backed by Commons Math.
 */
public final class ContinuousLimitLaw implements LimitLaw {
    private final double a;
    private final RealDistribution distribution;

    /**
     * Beta(a, a) on [0, 1].
     * @param a The shape, in (0, 1].
     */
    public ContinuousLimitLaw(double a) {
        if (!(a > 0.0 && a <= 1.0)) {
            throw new IllegalArgumentException("shape must be in (0, 1], found " + a);
        }
        this.a = a;
        this.distribution = a == 1.0 ? new UniformRealDistribution(null, 0.0, 1.0)
                : new BetaDistribution(null, a, a, 1e-14);
    }

    /**
     * The Beta shape.
     * @return a.
     */
    public double shape() {
        return a;
    }

    @Override
    public String name() {
        if (a == 1.0) {
            return "Uniform(0, 1)";
        }
        String shape = java.math.BigDecimal.valueOf(a).stripTrailingZeros().toPlainString();
        return (a == 0.5 ? "arcsine " : "") + "Beta(" + shape + ", " + shape + ")";
    }

    @Override
    public double cdf(double x) {
        return distribution.cumulativeProbability(x);
    }

    @Override
    public double cdfBefore(double x) {
        return cdf(x);
    }

    @Override
    public double[] atoms() {
        return new double[0];
    }

    @Override
    public Optional<RealDistribution> continuous() {
        return Optional.of(distribution);
    }

    @Override
    public double density(double x) {
        return distribution.density(x);
    }

    @Override
    public String toString() {
        return name();
    }
}
