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
 * U(x) = log sigmoid(x / s), the usual RLHF pairwise loss (negated) at temperature s. Its interpolating
 * optimum ties rewards at both ends: the limit has equal atoms at 0 and 1 plus a continuous middle, with no
 * closed form; the atom mass grows with s towards 1/2.
 */
public final class LogSigmoidUtility implements Utility {
    /** The lowest temperature: below it U is a step in double precision and its optimum cannot be computed. */
    public static final double MIN_TEMPERATURE = 0.01;
    /** The highest temperature: above it U'' underflows and U is linear in double precision. */
    public static final double MAX_TEMPERATURE = 1e6;

    private final double s;

    /**
     * Creates the utility.
     * @param s The temperature, in [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}].
     */
    public LogSigmoidUtility(double s) {
        if (!(s >= MIN_TEMPERATURE && s <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("log-sigmoid:S needs S in [" + Utilities.format(MIN_TEMPERATURE) + ", "
                    + Utilities.format(MAX_TEMPERATURE) + "], found " + s);
        }
        this.s = s;
    }

    /**
     * The temperature.
     * @return s.
     */
    public double temperature() {
        return s;
    }

    @Override
    public double value(double x) {
        double z = x / s;
        // log sigmoid(z) = -log(1 + e^-z), computed without overflow for large |z|.
        return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
    }

    @Override
    public double derivative(double x) {
        return sigmoid(-x / s) / s;
    }

    @Override
    public double secondDerivative(double x) {
        double z = x / s;
        return -sigmoid(z) * sigmoid(-z) / (s * s);
    }

    /**
     * U' and U'' from one exponential: with e = exp(-|x| / s), sigmoid(-|x| / s) = e / (1 + e) and
     * sigmoid(|x| / s) = 1 / (1 + e), the same operations {@link #derivative(double)} and
     * {@link #secondDerivative(double)} perform, so the results are equal to theirs.
     */
    @Override
    public void derivatives(double x, double[] out) {
        double z = x / s;
        double e = Math.exp(-Math.abs(z));
        double small = e / (1.0 + e);
        double large = 1.0 / (1.0 + e);
        // sigmoid(z) is large for z >= 0; U' = sigmoid(-z) / s, U'' = -sigmoid(z) sigmoid(-z) / s^2.
        double sigmoidZ = z >= 0 ? large : small;
        double sigmoidMinusZ = z >= 0 ? small : large;
        out[0] = sigmoidMinusZ / s;
        out[1] = -sigmoidZ * sigmoidMinusZ / (s * s);
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    @Override
    public String spec() {
        return Utilities.LOG_SIGMOID + ":" + Utilities.format(s);
    }

    @Override
    public Curvature curvature() {
        return Curvature.STRICTLY_CONCAVE;
    }

    @Override
    public boolean singularAtZero() {
        return false;
    }

    @Override
    public boolean boundedAbove() {
        return true;
    }

    @Override
    public LimitShape limitShape() {
        return LimitShape.ATOMS_AND_CONTINUUM;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogSigmoidUtility other && Double.compare(other.s, s) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(s);
    }

    @Override
    public String toString() {
        return spec();
    }
}
