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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

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
    /** S(r) = sum over i &lt; j of U(r_j - r_i), straight from the definition (the solver's PairSums works on gaps). */
    private static double objective(Utility u, double[] r) {
        double sum = 0.0;
        for (int i = 0; i < r.length; i++) {
            for (int j = i + 1; j < r.length; j++) {
                sum += u.value(r[j] - r[i]);
            }
        }
        return sum;
    }

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
                    double value = objective(u, r);
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
        assertTrue(objective(u, exact) >= objective(u, brute) - 1e-12, "the solver's optimum is at least as good");
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

    @ParameterizedTest
    @CsvSource({"'inverse,eps=0.1',1000", "log-sigmoid:1,2000", "log-sigmoid:0.25,1000", "log-sigmoid:0.25,2000"})
    void largeNConvergesInAFewStepsWhereTheGainIsBelowTheObjectivesRounding(String spec, int n) {
        // The first two used to halve steps that promised less than F's rounding noise, for all 500 iterations
        // (minutes).
        InterpolatingOptimum optimum = solver.solve(Utilities.parse(spec), n);
        assertTrue(optimum.kktResidual() < 1e-11, spec + " n=" + n + " KKT " + optimum.kktResidual());
        assertTrue(optimum.iterations() <= 10, spec + " n=" + n + ": " + optimum.iterations() + " iterations");
    }

    @ParameterizedTest
    @CsvSource({"power:0.5,1000", "power:0.5,2000"})
    void tinyEndGapsKeepTheirDigits(String spec, int n) {
        // Its end gaps are about 1e-9; as differences of rewards near 1 they kept 7 digits, and the KKT residual
        // stopped at 1.7e-7 (n = 1000) and 8.3e-7 (n = 2000).
        InterpolatingOptimum optimum = solver.solve(Utilities.parse(spec), n);
        assertTrue(optimum.kktResidual() < 1e-10, spec + " n=" + n + " KKT " + optimum.kktResidual());
    }

    @Test
    void anOptimumBeyondDoublePrecisionIsReportedAsNotConverged() {
        // power:0.99's end gaps at n = 100 fall below what a double holds; power:0.9's and power:0.95's, far below
        // the rewards' rounding near 1, do not, now that differences are summed from the gaps.
        InterpolatingOptimum hard = new InterpolatingSolver().solve(Utilities.parse("power:0.99"), 100);
        assertFalse(hard.converged(), "KKT residual " + hard.kktResidual());
        for (String spec : new String[]{"power:0.5", "power:0.9", "power:0.95"}) {
            InterpolatingOptimum fine = new InterpolatingSolver().solve(Utilities.parse(spec), 100);
            assertTrue(fine.converged() && fine.kktResidual() < 1e-10, spec + " KKT residual " + fine.kktResidual());
        }
    }
}
