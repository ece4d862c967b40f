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

import org.apache.commons.math3.distribution.RealDistribution;

import java.util.Arrays;
import java.util.Optional;

/**
 * A limit law with equal atoms at 0 and 1 and, when they hold less than all the mass, a continuous middle
 * given by a piecewise-linear cumulative distribution through knots.
 * <p>
 * The two-point law (mass 1/2 at each end) is the limit of x and of x^g, g &gt;= 1. Log-sigmoid's limit has
 * atoms of mass p &lt; 1/2 and no closed form; it is read off a large-n optimum ({@link LimitLaws}).
 */
public final class AtomicLimitLaw implements LimitLaw {
    private final String name;
    private final double atomMass;
    private final double[] knots;
    private final double[] knotCdf;

    private AtomicLimitLaw(String name, double atomMass, double[] knots, double[] knotCdf) {
        this.name = name;
        this.atomMass = atomMass;
        this.knots = knots;
        this.knotCdf = knotCdf;
    }

    /**
     * Point masses 1/2 at 0 and at 1.
     * @return The law.
     */
    public static AtomicLimitLaw twoPoint() {
        return new AtomicLimitLaw("two-point: 1/2 at 0 + 1/2 at 1", 0.5, new double[]{0.0, 1.0}, new double[]{0.5, 0.5});
    }

    /**
     * The empirical law of an optimum with ties at both ends: the tied fraction becomes the atom mass, the
     * untied rewards the continuous middle (their empirical CDF, interpolated linearly).
     * @param optimum Ascending rewards with r_1 = 0 and r_n = 1.
     * @param description Where the law comes from, for its name.
     * @return The law.
     */
    public static AtomicLimitLaw fromOptimum(double[] optimum, String description) {
        int n = optimum.length;
        int tied = 0;
        while (tied < n && optimum[tied] == 0.0) {
            tied++;
        }
        double mass = Math.min(0.5, tied / (double) n);
        int middle = n - 2 * tied;
        double[] knots = new double[middle + 2];
        double[] cdf = new double[middle + 2];
        knots[0] = 0.0;
        cdf[0] = mass;
        for (int i = 0; i < middle; i++) {
            knots[i + 1] = optimum[tied + i];
            cdf[i + 1] = mass + (1.0 - 2.0 * mass) * (i + 0.5) / middle;
        }
        knots[middle + 1] = 1.0;
        cdf[middle + 1] = 1.0 - mass;
        String name = String.format(java.util.Locale.ROOT, "atoms %.4f at 0 and 1 + continuous middle (%s)", mass, description);
        return new AtomicLimitLaw(name, mass, knots, cdf);
    }

    /**
     * The mass of each end atom.
     * @return The atom mass.
     */
    public double atomMass() {
        return atomMass;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double cdf(double x) {
        if (x < 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        return middle(x);
    }

    @Override
    public double cdfBefore(double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x > 1.0) {
            return 1.0;
        }
        return x == 1.0 ? 1.0 - atomMass : middle(x);
    }

    private double middle(double x) {
        int index = Arrays.binarySearch(knots, x);
        if (index >= 0) {
            return knotCdf[index];
        }
        int right = -index - 1;
        int left = right - 1;
        double fraction = (x - knots[left]) / (knots[right] - knots[left]);
        return knotCdf[left] + fraction * (knotCdf[right] - knotCdf[left]);
    }

    @Override
    public double[] atoms() {
        return atomMass > 0.0 ? new double[]{0.0, 1.0} : new double[0];
    }

    @Override
    public Optional<RealDistribution> continuous() {
        return Optional.empty();
    }

    @Override
    public double density(double x) {
        if (x <= 0.0 || x >= 1.0 || knots.length < 3) {
            return 0.0;
        }
        int index = Arrays.binarySearch(knots, x);
        int right = index >= 0 ? Math.min(index + 1, knots.length - 1) : -index - 1;
        int left = right - 1;
        return (knotCdf[right] - knotCdf[left]) / (knots[right] - knots[left]);
    }

    @Override
    public String toString() {
        return name;
    }
}
