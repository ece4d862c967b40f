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
 * A multiplier of the optimiser's step: linear warm-up from 1/w to 1 over the first w steps, then constant, or a
 * linear or cosine decay that would reach 0 one step after the last. It scales each step the optimiser returns, so it applies to any
 * Tribuo optimiser.
 *
 * @param decay The shape after warm-up.
 * @param warmupSteps The warm-up length w, &gt;= 0.
 * @param totalSteps The number of steps of the whole run, &gt;= 1.
 */
public record LearningRateSchedule(Decay decay, int warmupSteps, long totalSteps) {
    /** The shape of the schedule after warm-up. */
    public enum Decay {
        /** Stay at 1. */
        CONSTANT,
        /** Fall linearly towards 0. */
        LINEAR,
        /** Fall along a half cosine towards 0. */
        COSINE
    }

    /**
     * Checks the arguments.
     */
    public LearningRateSchedule {
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("need warmupSteps >= 0 and totalSteps >= 1, found " + warmupSteps
                    + " and " + totalSteps);
        }
    }

    /**
     * The multiplier of a step.
     * @param step The step, from 0.
     * @return The multiplier, in (0, 1] for steps before {@code totalSteps}.
     */
    public double multiplier(long step) {
        if (step < warmupSteps) {
            return (step + 1.0) / warmupSteps;
        }
        long span = totalSteps - warmupSteps;
        if (decay == Decay.CONSTANT || span <= 0) {
            return 1.0;
        }
        double progress = Math.min(1.0, (step - warmupSteps) / (double) span);
        return decay == Decay.LINEAR ? 1.0 - progress : 0.5 * (1.0 + Math.cos(Math.PI * progress));
    }
}
