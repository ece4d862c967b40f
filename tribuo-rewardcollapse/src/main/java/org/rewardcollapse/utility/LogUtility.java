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
 * U(x) = log x; its interpolating optimum tends to the arcsine law Beta(1/2, 1/2).
 * With eps: log(x + eps) - log(eps), and x / eps below zero.
 */
public final class LogUtility extends ShiftedUtility {
    /**
     * Creates the utility.
     * @param eps The shift, &gt;= 0.
     */
    public LogUtility(double eps) {
        super(eps);
    }

    @Override
    double u(double x) {
        return Math.log(x);
    }

    @Override
    double du(double x) {
        return 1.0 / x;
    }

    @Override
    double d2u(double x) {
        return -1.0 / (x * x);
    }

    @Override
    double uAtZero() {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    double duAtZero() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    String baseSpec() {
        return Utilities.LOG;
    }

    @Override
    LimitShape pureLimitShape() {
        return LimitShape.beta(0.5);
    }

    @Override
    public Curvature curvature() {
        return Curvature.STRICTLY_CONCAVE;
    }

    @Override
    public boolean boundedAbove() {
        return false;
    }
}
