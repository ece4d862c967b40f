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
package org.rewardcollapse.train;

/**
 * How a {@link LinearRewardTrainer} maximises its objective.
 */
public enum LinearSolver {
    /**
     * Minibatch gradient steps with the trainer's optimiser, epochs, schedule and early stopping (any objective).
     */
    GRADIENT,
    /**
     * Newton's method to the optimum ({@link NewtonSolver}): with unbounded rewards, a concave utility and fixed pair
     * weights the objective plus L2 is concave in the weights, so it has one maximum (strictly concave with L2 &gt; 0)
     * and no epochs or learning rate to tune; cross-validation then chooses only the L2 penalty. The optimiser, epoch,
     * minibatch and schedule settings do not apply.
     */
    NEWTON
}
