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
 * U(x) = x, the paper's utility for closed prompts: its interpolating optimum is polarised, half the rewards
 * at 0 and half at 1 (for odd n the middle reward is free; the canonical choice is 1/2).
 */
public final class LinearUtility implements Utility {
    /** The one instance. */
    public static final LinearUtility INSTANCE = new LinearUtility();

    private LinearUtility() {}

    @Override
    public double value(double x) {
        return x;
    }

    @Override
    public double derivative(double x) {
        return 1.0;
    }

    @Override
    public double secondDerivative(double x) {
        return 0.0;
    }

    @Override
    public String spec() {
        return Utilities.LINEAR;
    }

    @Override
    public Curvature curvature() {
        return Curvature.LINEAR;
    }

    @Override
    public boolean singularAtZero() {
        return false;
    }

    @Override
    public boolean boundedAbove() {
        return false;
    }

    @Override
    public LimitShape limitShape() {
        return LimitShape.TWO_POINT;
    }

    @Override
    public String toString() {
        return spec();
    }
}
