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

import org.rewardcollapse.utility.LinearUtility;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which utility gives a desired reward shape: the inverse of the map from utility to interpolating optimum.
 * <p>
 * Candidates are the polarised two-point shape (the linear utility) and the family a &rarr;
 * {@link Utilities#forBetaShape(double, double) forBetaShape(a, eps)} whose optima tend to Beta(a, a), a in (0, 1].
 * A profile (values in [0, 1], ascending, length m) is compared with each candidate's exact optimum at the same m,
 * by root mean square difference. Comparing with the finite-m optimum rather than the limit law matters at small m:
 * eight evenly spaced scores have variance 0.107, whose moment-matched Beta shape would be a = 0.67, yet they are
 * within 0.04 of the optimum of {@code inverse} (a = 1) at n = 8.
 * <p>
 * The search takes the best point of a grid of step {@value #GRID_STEP} in a, then, if asked, refines it by golden
 * section to 1e-3. Optima on the grid are cached per m; instances are thread-safe.
 */
public final class ShapeFit {
    /** Grid step in the Beta shape a. */
    public static final double GRID_STEP = 0.05;
    private static final int GRID_POINTS = (int) Math.round(1.0 / GRID_STEP);
    private static final double REFINE_TOLERANCE = 1e-3;
    private static final double GOLDEN = (Math.sqrt(5.0) - 1.0) / 2.0;

    /**
     * A fitted shape.
     *
     * @param shape The Beta shape a; 0 for the two-point shape.
     * @param utility The utility whose optimum has that shape.
     * @param distance The RMS difference between the profile and the utility's optimum.
     */
    public record Fit(double shape, Utility utility, double distance) {}

    private final double eps;
    private final InterpolatingSolver solver = new InterpolatingSolver();
    private final Map<Integer, double[][]> gridOptima = new ConcurrentHashMap<>();

    /**
     * A fitter for utilities with a given shift.
     * @param eps The shift of the fitted utilities (0 for the pure families; training uses eps &gt; 0).
     */
    public ShapeFit(double eps) {
        if (!(eps >= 0.0 && Double.isFinite(eps))) {
            throw new IllegalArgumentException("eps must be finite and >= 0, found " + eps);
        }
        this.eps = eps;
    }

    /**
     * The candidate utility for a shape.
     * @param a The Beta shape in (0, 1], or 0 for the two-point shape.
     * @return The utility.
     */
    public Utility utility(double a) {
        return a == 0.0 ? LinearUtility.INSTANCE : Utilities.forBetaShape(a, eps);
    }

    /**
     * Fits a profile.
     * @param profile Values in [0, 1], ascending, at least 2.
     * @param refine Refine the grid's best shape by golden section.
     * @return The best fit.
     */
    public Fit fit(double[] profile, boolean refine) {
        int m = profile.length;
        if (m < 2 || m > InterpolatingSolver.MAX_N) {
            throw new IllegalArgumentException("a profile to fit needs 2 to " + InterpolatingSolver.MAX_N
                    + " values, found " + m);
        }
        double[][] optima = gridOptima.computeIfAbsent(m, this::solveGrid);
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < optima.length; i++) {
            double d = Profiles.rmsDistance(profile, optima[i]);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        double a = best * GRID_STEP;
        if (refine && best > 0) {
            double lo = Math.max(1e-3, a - GRID_STEP);
            double hi = Math.min(1.0, a + GRID_STEP);
            a = goldenSection(profile, lo, hi);
            a = Math.round(a / REFINE_TOLERANCE) * REFINE_TOLERANCE;
            double refined = distance(profile, a);
            if (refined > bestDistance) {
                a = best * GRID_STEP;
            } else {
                bestDistance = refined;
            }
        }
        return new Fit(a, utility(a), bestDistance);
    }

    private double[][] solveGrid(int m) {
        double[][] optima = new double[GRID_POINTS + 1][];
        for (int i = 0; i <= GRID_POINTS; i++) {
            optima[i] = solver.solve(utility(i * GRID_STEP), m).rewards();
        }
        return optima;
    }

    private double distance(double[] profile, double a) {
        return Profiles.rmsDistance(profile, solver.solve(utility(a), profile.length).rewards());
    }

    private double goldenSection(double[] profile, double lo, double hi) {
        double x1 = hi - GOLDEN * (hi - lo);
        double x2 = lo + GOLDEN * (hi - lo);
        double f1 = distance(profile, x1);
        double f2 = distance(profile, x2);
        while (hi - lo > REFINE_TOLERANCE) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - GOLDEN * (hi - lo);
                f1 = distance(profile, x1);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + GOLDEN * (hi - lo);
                f2 = distance(profile, x2);
            }
        }
        return (lo + hi) / 2.0;
    }
}
