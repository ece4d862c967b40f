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

import java.util.Arrays;

/**
 * The exact maximiser of sum over i &lt; j of U(r_j - r_i) over ascending rewards in [0, 1]: what every
 * prompt's rewards become when the model can fit each prompt (the interpolating regime).
 * @param utility The utility's spec.
 * @param rewards The optimal rewards, ascending (worst to best).
 * @param kktResidual The relative KKT residual: the largest deviation of a positive gap's marginal value from
 *                    the common multiplier (or excess, for zero gaps), divided by the multiplier.
 * @param unique Whether the optimum is unique.
 * @param note How the optimum was obtained and any caveat, in words.
 * @param iterations Newton iterations (0 for closed forms).
 * @param solveNanos Wall time of the solve.
 */
public record InterpolatingOptimum(String utility, double[] rewards, double kktResidual, boolean unique,
                                   String note, int iterations, long solveNanos) {
    /**
     * The largest relative KKT residual at which an optimum is reported as solved. The solver aims for
     * {@link InterpolatingSolver#DEFAULT_TOLERANCE}; rounding in sums of n^2 / 2 terms can stop it above that, and
     * where the optimum's smallest gaps fall below double precision (utilities close to linear at large n) it fails.
     */
    public static final double ACCEPTED_RESIDUAL = 1e-5;

    /**
     * Copies the rewards.
     */
    public InterpolatingOptimum {
        rewards = rewards.clone();
    }

    /**
     * The number of rewards.
     * @return n.
     */
    public int n() {
        return rewards.length;
    }

    @Override
    public double[] rewards() {
        return rewards.clone();
    }

    /**
     * Was the optimum found: a finite KKT residual of at most {@value #ACCEPTED_RESIDUAL} and finite rewards?
     * @return True when the rewards can be trusted.
     */
    public boolean converged() {
        return kktResidual <= ACCEPTED_RESIDUAL && Arrays.stream(rewards).allMatch(Double::isFinite);
    }

    /**
     * The fraction of rewards tied with the lowest (exactly equal to 0).
     * @return The mass at 0.
     */
    public double massAtZero() {
        return Arrays.stream(rewards).filter(r -> r == 0.0).count() / (double) rewards.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterpolatingOptimum other && utility.equals(other.utility)
                && Arrays.equals(rewards, other.rewards) && unique == other.unique;
    }

    @Override
    public int hashCode() {
        return 31 * utility.hashCode() + Arrays.hashCode(rewards);
    }

    @Override
    public String toString() {
        return "InterpolatingOptimum(utility=" + utility + ",n=" + n() + ",rewards=" + Arrays.toString(rewards)
                + ",kktResidual=" + kktResidual + ")";
    }
}
