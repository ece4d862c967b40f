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
package org.rewardcollapse.model;

/**
 * The element-wise activation between the hidden layers of a reward network. Each one is a standard ONNX
 * operator, so exported graphs need no custom operator.
 */
public enum Activation {
    /** max(0, z). */
    RELU,
    /** tanh(z). */
    TANH,
    /** 1 / (1 + e^-z). */
    SIGMOID;

    /**
     * The activation of a pre-activation value.
     * @param z The pre-activation.
     * @return The activation.
     */
    public double apply(double z) {
        return switch (this) {
            case RELU -> z > 0.0 ? z : 0.0;
            case TANH -> Math.tanh(z);
            case SIGMOID -> RewardHead.sigmoid(z);
        };
    }

    /**
     * The derivative of the activation.
     * @param z The pre-activation.
     * @param a The activation, {@code apply(z)}.
     * @return d apply / dz at z.
     */
    public double derivative(double z, double a) {
        return switch (this) {
            case RELU -> z > 0.0 ? 1.0 : 0.0;
            case TANH -> 1.0 - a * a;
            case SIGMOID -> a * (1.0 - a);
        };
    }
}
