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

import org.rewardcollapse.model.RewardModel;

import java.util.Optional;

/**
 * Training stopped because the loss or the weights became NaN or infinite. It carries the model as it was at the
 * end of the last epoch that completed with finite weights (or at initialisation), so nothing good is lost.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient RewardModel lastGood;

    /**
     * Creates the exception.
     * @param message What diverged, where, and what to change.
     * @param lastGood The last model with finite weights, or null.
     */
    public TrainingDivergedException(String message, RewardModel lastGood) {
        super(message);
        this.lastGood = lastGood;
    }

    /**
     * The model at the end of the last good epoch.
     * @return The model, if any.
     */
    public Optional<RewardModel> lastGoodModel() {
        return Optional.ofNullable(lastGood);
    }
}
