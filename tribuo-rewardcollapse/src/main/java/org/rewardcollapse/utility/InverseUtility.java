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
 * U(x) = -1/x, the paper's utility for open-ended prompts; its interpolating optimum tends (slowly) to
 * Uniform(0, 1). With eps: 1/eps - 1/(x + eps), and x / eps^2 below zero. Same as {@code neg-power:1}.
 */
public final class InverseUtility extends NegativePowerUtility {
    /**
     * Creates the utility.
     * @param eps The shift, &gt;= 0.
     */
    public InverseUtility(double eps) {
        super(1.0, eps);
    }

    @Override
    String baseSpec() {
        return Utilities.INVERSE;
    }
}
