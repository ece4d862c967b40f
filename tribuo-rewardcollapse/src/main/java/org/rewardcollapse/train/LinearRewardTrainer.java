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

import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.LinearRewardModel;

/**
 * Trains a {@link LinearRewardModel}: reward = head(w . x + b) over sparse features, weights starting at zero.
 * All settings are {@link RankingRewardTrainer}'s.
 */
public final class LinearRewardTrainer extends RankingRewardTrainer {
    /**
     * For OLCUT.
     */
    private LinearRewardTrainer() {
        super(LinearRewardModel.class, LinearRewardModel::new);
    }

    /**
     * A builder with the defaults (log-sigmoid:1 on unbounded rewards, Adam 0.01, 20 epochs of 32 groups).
     * @return The builder.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected int[] hiddenSizes() {
        return new int[0];
    }

    @Override
    protected Activation activation() {
        return Activation.RELU; // no layer applies it
    }


    /** Configures a {@link LinearRewardTrainer}. */
    public static final class Builder extends RankingRewardTrainerBuilder<LinearRewardTrainer, Builder> {
        private Builder() {
            super(new LinearRewardTrainer());
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
