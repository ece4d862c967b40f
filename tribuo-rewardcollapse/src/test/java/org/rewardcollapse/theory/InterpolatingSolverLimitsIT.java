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
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limit laws checked against what defines them (constant potential on the support, numerically integrated) and
 * the numerical law of log-sigmoid: the theory's slower checks (large n, quadrature), run with the integration tests.
 */
class InterpolatingSolverLimitsIT {
    private final InterpolatingSolver solver = new InterpolatingSolver();

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
}
