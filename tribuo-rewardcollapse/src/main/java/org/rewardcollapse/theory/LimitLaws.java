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

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.rewardcollapse.utility.LimitShape;
import org.rewardcollapse.utility.Utility;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limit laws of the utilities' interpolating optima, and the Kolmogorov-Smirnov distance between an
 * optimum and its law.
 * <ul>
 *     <li>x^g, 0 &lt; g &lt; 1: Beta((1-g)/2, (1-g)/2); log x: Beta(1/2, 1/2); -x^-g, 0 &lt; g &lt; 1:
 *     Beta((1+g)/2, (1+g)/2); -1/x and -x^-g, g &gt;= 1: Uniform(0, 1);</li>
 *     <li>x and x^g, g &gt;= 1: the two-point law;</li>
 *     <li>log sigmoid(x/s): atoms at both ends plus a middle with no closed form, read off the optimum at
 *     n = {@value #NUMERICAL_N} (computed once per utility and cached; none when that optimum cannot be
 *     computed);</li>
 *     <li>eps-shifted utilities: no closed form is known.</li>
 * </ul>
 */
public final class LimitLaws {
    /** The n whose optimum stands in for a limit law with no closed form. */
    public static final int NUMERICAL_N = 1000;

    private static final Map<String, LimitLaw> NUMERICAL = new ConcurrentHashMap<>();

    private LimitLaws() {}

    /**
     * The limit law of a utility, where one is known.
     * @param u The utility.
     * @return The law, or empty when no closed form is known.
     */
    public static Optional<LimitLaw> of(Utility u) {
        LimitShape shape = u.limitShape();
        return switch (shape.kind()) {
            case SYMMETRIC_BETA -> Optional.of(new ContinuousLimitLaw(shape.betaShape()));
            case TWO_POINT -> Optional.of(AtomicLimitLaw.twoPoint());
            case ATOMS_AND_CONTINUUM -> Optional.ofNullable(NUMERICAL.computeIfAbsent(u.spec(), spec -> {
                InterpolatingOptimum optimum = new InterpolatingSolver().solve(u, NUMERICAL_N);
                return optimum.converged() ? AtomicLimitLaw.fromOptimum(optimum.rewards(),
                        "numerical, from the optimum at n = " + NUMERICAL_N) : null;
            }));
            case UNKNOWN -> Optional.empty();
        };
    }

    /**
     * The limit law of a utility, reusing an optimum already solved: a law with no closed form is the optimum at
     * n = {@value #NUMERICAL_N}, so when that is the optimum given it is not solved a second time.
     * @param u The utility.
     * @param solved An optimum of {@code u} already solved (any n).
     * @return The law, or empty when no closed form is known.
     */
    public static Optional<LimitLaw> of(Utility u, InterpolatingOptimum solved) {
        if (u.limitShape().kind() == LimitShape.Kind.ATOMS_AND_CONTINUUM && solved.n() == NUMERICAL_N
                && solved.converged()) {
            NUMERICAL.putIfAbsent(u.spec(), AtomicLimitLaw.fromOptimum(solved.rewards(),
                    "numerical, from the optimum at n = " + NUMERICAL_N));
        }
        return of(u);
    }

    /**
     * The Kolmogorov-Smirnov distance sup_x |F_n(x) - F(x)| between the empirical law of a sample and a law.
     * Continuous laws use Commons Math's statistic; laws with atoms are handled exactly (Commons Math's
     * one-sample statistic assumes a continuous law and miscounts ties), by checking both sides of every
     * sample value and atom.
     * @param sample The sample (any order).
     * @param law The law.
     * @return The distance, in [0, 1].
     */
    public static double ksDistance(double[] sample, LimitLaw law) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        Optional<org.apache.commons.math3.distribution.RealDistribution> continuous = law.continuous();
        if (continuous.isPresent()) {
            return new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(continuous.get(), sample);
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double[] points = Arrays.copyOf(sorted, sorted.length + law.atoms().length);
        System.arraycopy(law.atoms(), 0, points, sorted.length, law.atoms().length);
        Arrays.sort(points);
        int n = sorted.length;
        double worst = 0.0;
        for (double x : points) {
            int atOrBelow = count(sorted, x, true);
            int below = count(sorted, x, false);
            worst = Math.max(worst, Math.abs((double) atOrBelow / n - law.cdf(x)));
            worst = Math.max(worst, Math.abs((double) below / n - law.cdfBefore(x)));
        }
        return worst;
    }

    /** The number of sorted values below x (or at or below x when inclusive), by binary search. */
    private static int count(double[] sorted, double x, boolean inclusive) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x || (inclusive && sorted[mid] == x)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
