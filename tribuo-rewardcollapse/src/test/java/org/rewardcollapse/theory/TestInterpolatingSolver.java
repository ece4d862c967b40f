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

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestInterpolatingSolver {
    private final InterpolatingSolver solver = new InterpolatingSolver();

    @Test
    void reproducesThePaperValuesAtNEight() {
        assertArrayEquals(new double[]{0, .064, .204, .395, .605, .796, .936, 1},
                solver.solve(Utilities.parse("log"), 8).rewards(), 1e-3);
        assertArrayEquals(new double[]{0, .121, .267, .421, .579, .733, .879, 1},
                solver.solve(Utilities.parse("inverse"), 8).rewards(), 1e-3);
        InterpolatingOptimum linear = solver.solve(Utilities.parse("linear"), 8);
        assertArrayEquals(new double[]{0, 0, 0, 0, 1, 1, 1, 1}, linear.rewards());
        assertTrue(linear.unique(), "for even n the linear optimum is unique");
        InterpolatingOptimum odd = solver.solve(Utilities.parse("linear"), 7);
        assertFalse(odd.unique());
        assertArrayEquals(new double[]{0, 0, 0, 0.5, 1, 1, 1}, odd.rewards());
    }

    @ParameterizedTest
    @ValueSource(strings = {"log", "inverse", "power:0.5", "power:0.2", "neg-power:0.5", "neg-power:2",
            "log-sigmoid:0.25", "log-sigmoid:1", "log,eps=0.1", "inverse,eps=0.1"})
    void optimumIsSymmetricOrderedAndKktTight(String spec) {
        Utility u = Utilities.parse(spec);
        for (int n : new int[]{2, 3, 8, 51, 200}) {
            InterpolatingOptimum optimum = solver.solve(u, n);
            double[] r = optimum.rewards();
            assertEquals(0.0, r[0]);
            assertEquals(1.0, r[n - 1]);
            for (int i = 0; i < n; i++) {
                assertEquals(1.0, r[i] + r[n - 1 - i], 1e-9, spec + " symmetry at n=" + n);
                if (i > 0) {
                    assertTrue(r[i] >= r[i - 1], spec + " ordered");
                }
            }
            assertTrue(optimum.kktResidual() < 1e-6, spec + " n=" + n + " KKT " + optimum.kktResidual());
        }
    }

    /** Brute force over the simplex of gaps (no symmetry assumed): a fine grid, then a finer grid around its best. */
    private static double[] bruteForce(Utility u, int n) {
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        double[] center = null;
        for (double[] scale : new double[][]{{0.0, 1.0, 1e-2}, {1e-2, 0.0, 1e-4}}) {
            double radius = scale[0];
            double step = scale[2];
            double lo1 = center == null ? 0 : Math.max(0, center[0] - radius);
            double hi1 = center == null ? 1 : Math.min(1, center[0] + radius);
            for (double g1 = lo1; g1 <= hi1 + 1e-12; g1 += step) {
                double lo2 = n == 3 ? 1 - g1 : (center == null ? 0 : Math.max(0, center[1] - radius));
                double hi2 = n == 3 ? 1 - g1 : (center == null ? 1 - g1 : Math.min(1 - g1, center[1] + radius));
                for (double g2 = lo2; g2 <= hi2 + 1e-12; g2 += step) {
                    double[] r = n == 3 ? new double[]{0, g1, 1} : new double[]{0, g1, g1 + g2, 1};
                    double value = PairSums.value(u, r);
                    if (value > bestValue) {
                        bestValue = value;
                        best = r;
                    }
                    if (n == 3) {
                        break;
                    }
                }
            }
            center = n == 3 ? new double[]{best[1]} : new double[]{best[1], best[2] - best[1]};
            if (n == 3) {
                // one-dimensional: refine g1 only
                center = new double[]{best[1], 0};
            }
        }
        return best;
    }

    @ParameterizedTest
    @CsvSource({"log,3", "log,4", "inverse,3", "inverse,4", "power:0.5,4", "neg-power:0.5,4",
            "log-sigmoid:0.25,3", "log-sigmoid:0.25,4", "'log,eps=0.1',4", "'inverse,eps=0.1',4"})
    void agreesWithBruteForceForThreeAndFourResponses(String spec, int n) {
        Utility u = Utilities.parse(spec);
        double[] exact = solver.solve(u, n).rewards();
        double[] brute = bruteForce(u, n);
        assertArrayEquals(brute, exact, 2e-4, spec);
        assertTrue(PairSums.value(u, exact) >= PairSums.value(u, brute) - 1e-12, "the solver's optimum is at least as good");
    }

    @Test
    void convergesToTheClosedFormLimitLaws() {
        int n = 300;
        for (String[] c : new String[][]{{"log", "0.01"}, {"power:0.5", "0.01"}, {"inverse", "0.02"}}) {
            Utility u = Utilities.parse(c[0]);
            double ks = LimitLaws.ksDistance(solver.solve(u, n).rewards(), LimitLaws.of(u).orElseThrow());
            assertTrue(ks <= Double.parseDouble(c[1]), c[0] + " KS " + ks);
        }
        double linear = LimitLaws.ksDistance(solver.solve(Utilities.parse("linear"), 300).rewards(), AtomicLimitLaw.twoPoint());
        assertEquals(0.0, linear, 1e-15);
    }

    @Test
    void logSigmoidTiesBothEndsWithAStableAtomMass() {
        Utility u = Utilities.parse("log-sigmoid:0.25");
        double small = solver.solve(u, 200).massAtZero();
        double large = solver.solve(u, 800).massAtZero();
        assertTrue(small > 0.15 && small < 0.25, "atom mass " + small);
        assertEquals(small, large, 0.01);
        AtomicLimitLaw law = (AtomicLimitLaw) LimitLaws.of(u).orElseThrow();
        assertEquals(large, law.atomMass(), 0.01);
        double wider = solver.solve(Utilities.parse("log-sigmoid:1"), 200).massAtZero();
        assertTrue(wider > small, "the atom mass grows with s: " + wider + " vs " + small);
    }

    @Test
    void aLimitLawWithoutClosedFormReusesTheOptimumAtItsOwnN() {
        // a spec no other test touches, so the law is not cached yet
        Utility u = Utilities.parse("log-sigmoid:0.37");
        InterpolatingOptimum atN = solver.solve(u, LimitLaws.NUMERICAL_N);
        AtomicLimitLaw reused = (AtomicLimitLaw) LimitLaws.of(u, atN).orElseThrow();
        AtomicLimitLaw fresh = AtomicLimitLaw.fromOptimum(solver.solve(u, LimitLaws.NUMERICAL_N).rewards(), "again");
        assertEquals(fresh.atomMass(), reused.atomMass(), 0.0);
        for (double x = 0.05; x < 1.0; x += 0.1) {
            assertEquals(fresh.cdf(x), reused.cdf(x), 0.0, "cdf at " + x);
        }
        assertEquals(0.0, LimitLaws.ksDistance(atN.rewards(), reused), 1.0 / LimitLaws.NUMERICAL_N);
        // another n is not the law's own: the law is the n = 1000 optimum all the same
        Utility v = Utilities.parse("log-sigmoid:0.41");
        AtomicLimitLaw fromSmall = (AtomicLimitLaw) LimitLaws.of(v, solver.solve(v, 50)).orElseThrow();
        assertEquals(AtomicLimitLaw.fromOptimum(solver.solve(v, LimitLaws.NUMERICAL_N).rewards(), "n").atomMass(),
                fromSmall.atomMass(), 0.0);
    }

    /**
     * The potential of the limit law, integral of U(|x - y|) Beta(a, a)(dy), split at y = x; each piece [c, d]
     * is mapped by y = c + (d - c) S(w), S(w) = w^8 / (w^8 + (1 - w)^8), which smooths the singularities of the
     * Beta density and of U at both ends. Distances to both ends are computed directly (d - y = (d - c) S(1 - w))
     * so that no cancellation spoils the density near 0 and 1.
     */
    private static double potential(Utility u, double a, double x) {
        double logNorm = org.apache.commons.math3.special.Beta.logBeta(a, a);
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(64, 1e-12, 1e-14);
        DoubleUnaryOperator map = w -> {
            double p = Math.pow(w, 8);
            return p / (p + Math.pow(1 - w, 8));
        };
        DoubleUnaryOperator mapDerivative = w -> {
            double p = Math.pow(w, 8);
            double q = Math.pow(1 - w, 8);
            return 8 * (Math.pow(w, 7) * q + p * Math.pow(1 - w, 7)) / ((p + q) * (p + q));
        };
        double total = 0.0;
        for (double[] piece : new double[][]{{0, x}, {x, 1}}) {
            double c = piece[0];
            double d = piece[1];
            boolean left = c == 0;
            total += integrator.integrate(100_000, w -> {
                double fromC = (d - c) * map.applyAsDouble(w);
                double toD = (d - c) * map.applyAsDouble(1 - w);
                double y = c + fromC;
                double oneMinusY = (1 - d) + toD;
                double distance = left ? toD : fromC;
                if (y <= 0 || oneMinusY <= 0 || distance <= 0) {
                    return 0.0;
                }
                double density = Math.exp((a - 1) * (Math.log(y) + Math.log(oneMinusY)) - logNorm);
                return u.value(distance) * density * (d - c) * mapDerivative.applyAsDouble(w);
            }, 0, 1);
        }
        return total;
    }

    @ParameterizedTest
    @CsvSource({"power:0.5,0.25", "log,0.5", "neg-power:0.5,0.75", "power:0.2,0.4"})
    void betaLimitsHaveConstantPotential(String spec, double a) {
        Utility u = Utilities.parse(spec);
        double reference = potential(u, a, 0.5);
        for (double x : new double[]{0.03, 0.3, 0.85}) {
            assertEquals(reference, potential(u, a, x), 1e-6 * Math.max(1, Math.abs(reference)), spec + " at " + x);
        }
        if (spec.equals("log")) {
            assertEquals(-2 * Math.log(2), reference, 1e-8, "the arcsine law's logarithmic potential is -2 log 2");
        }
    }

    @Test
    void rejectsOutOfRangeN() {
        assertThrows(IllegalArgumentException.class, () -> solver.solve(Utilities.parse("log"), 1));
        assertThrows(IllegalArgumentException.class, () -> solver.solve(Utilities.parse("log"), InterpolatingSolver.MAX_N + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"log-sigmoid:0.01", "log-sigmoid:1000000", "neg-power:100,eps=1000000", "inverse,eps=0.000001"})
    void twoAndThreeResponsesHaveTheirOneOptimumForEveryUtility(String spec) {
        InterpolatingOptimum two = new InterpolatingSolver().solve(Utilities.parse(spec), 2);
        InterpolatingOptimum three = new InterpolatingSolver().solve(Utilities.parse(spec), 3);
        assertArrayEquals(new double[]{0, 1}, two.rewards(), 0.0);
        assertArrayEquals(new double[]{0, 0.5, 1}, three.rewards(), 0.0);
        assertTrue(two.converged() && three.converged());
    }

    @Test
    void anOptimumBeyondDoublePrecisionIsReportedAsNotConverged() {
        InterpolatingOptimum hard = new InterpolatingSolver().solve(Utilities.parse("power:0.9"), 100);
        assertFalse(hard.converged(), "KKT residual " + hard.kktResidual());
        InterpolatingOptimum fine = new InterpolatingSolver().solve(Utilities.parse("power:0.5"), 100);
        assertTrue(fine.converged(), "KKT residual " + fine.kktResidual());
    }
}
