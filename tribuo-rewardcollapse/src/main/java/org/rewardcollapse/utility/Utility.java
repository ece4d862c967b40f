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
 * An increasing utility U of a reward difference: a ranking objective maximises, for each prompt, the sum of
 * U(r_better - r_worse) over all ordered pairs of its responses.
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 * Implementations are immutable and give U, U' and U'' in closed form; {@link #spec()} is the canonical spec
 * string that {@link Utilities#parse(String)} reads back.
 */
public interface Utility {
    /**
     * U(x).
     * @param x The reward difference (better minus worse).
     * @return The utility; negative infinity where U is singular (x &lt;= 0 for log, inverse, neg-power without eps).
     */
    double value(double x);

    /**
     * U'(x).
     * @param x The reward difference.
     * @return The derivative; positive infinity where U is singular.
     */
    double derivative(double x);

    /**
     * U''(x).
     * @param x The reward difference.
     * @return The second derivative.
     */
    double secondDerivative(double x);

    /**
     * U'(x) and U''(x) together, for callers that need both at many points (the theory engine's Newton steps
     * evaluate them at every pair of n rewards). The default calls {@link #derivative(double)} and
     * {@link #secondDerivative(double)}; a utility whose two share work (an exponential, say) overrides it to do
     * that work once, with results equal to the two calls.
     * @param x The reward difference.
     * @param out Output: out[0] = U'(x), out[1] = U''(x).
     */
    default void derivatives(double x, double[] out) {
        out[0] = derivative(x);
        out[1] = secondDerivative(x);
    }

    /**
     * The canonical spec string, e.g. {@code power:0.5} or {@code log,eps=0.1}.
     * @return The spec.
     */
    String spec();

    /**
     * The shape of U on [0, 1].
     * @return The curvature.
     */
    Curvature curvature();

    /**
     * Is U'(0+) infinite (or U(0) = -infinity)? Then every optimal gap is positive: no two rewards tie.
     * @return True if singular at zero.
     */
    boolean singularAtZero();

    /**
     * Is U bounded above on [0, infinity)? If not, unbounded rewards give an objective with no maximum: the rewards
     * grow until a penalty (L2) or bounded rewards stop them.
     * @return True if sup U is finite.
     */
    boolean boundedAbove();

    /**
     * The limit, as n grows, of the empirical law of the interpolating optimum, where it is known in closed form.
     * @return The limit shape.
     */
    LimitShape limitShape();
}
