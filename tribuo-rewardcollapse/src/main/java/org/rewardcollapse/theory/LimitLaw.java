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

import java.util.Optional;

/**
 * The limit law on [0, 1] of a utility's interpolating optimum as n grows.
 */
public interface LimitLaw {
    /**
     * A readable name, e.g. {@code Beta(0.25, 0.25)}.
     * @return The name.
     */
    String name();

    /**
     * P(X &lt;= x).
     * @param x The point.
     * @return The cumulative probability.
     */
    double cdf(double x);

    /**
     * P(X &lt; x), which differs from {@link #cdf(double)} at atoms.
     * @param x The point.
     * @return The left limit of the cumulative probability.
     */
    double cdfBefore(double x);

    /**
     * The atoms of the law (points with positive mass), ascending; empty for a continuous law.
     * @return The atom locations.
     */
    double[] atoms();

    /**
     * The law as a Commons Math distribution when it is continuous.
     * @return The distribution, or empty for laws with atoms.
     */
    Optional<RealDistribution> continuous();

    /**
     * The density at x of the law's continuous part (for plots).
     * @param x The point in (0, 1).
     * @return The density.
     */
    double density(double x);
}
