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

import com.oracle.labs.mlrg.olcut.config.Config;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.MlpRewardModel;

import java.util.Arrays;

import static org.rewardcollapse.io.InvalidSettingException.require;

/**
 * Trains an {@link MlpRewardModel}: dense hidden layers over sparse features, the capacity the interpolating
 * regime (and so reward collapse) needs. All other settings are {@link RankingRewardTrainer}'s.
 */
public final class MlpRewardTrainer extends RankingRewardTrainer {
    @Config(description = "Widths of the hidden layers, each >= 1; at least one layer.")
    private int[] hiddenSizes = {64};

    @Config(description = "Activation between layers: RELU, TANH or SIGMOID.")
    private Activation activation = Activation.RELU;

    /**
     * For OLCUT.
     */
    private MlpRewardTrainer() {
        super(MlpRewardModel.class, MlpRewardModel::new);
    }

    /**
     * A builder with the defaults (one hidden layer of 64 ReLU units; log-sigmoid:1 on unbounded rewards, Adam 0.01,
     * 20 epochs of 32 groups).
     * @return The builder.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public synchronized void postConfig() {
        require(hiddenSizes != null && hiddenSizes.length >= 1 && Arrays.stream(hiddenSizes).allMatch(w -> w >= 1
                && w <= 1 << 16), "hiddenSizes", "must list at least one layer width in [1, 65536], found "
                + Arrays.toString(hiddenSizes));
        require(activation != null, "activation", "must be RELU, TANH or SIGMOID");
        require(objective == null || objective.lengthDecorrelation() == 0.0, "lengthDecorrelation", "needs a linear "
                + "model: its length head is the length features' weights, which an MLP's hidden layer mixes with the "
                + "rest");
        super.postConfig();
    }

    @Override
    protected int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    @Override
    protected Activation activation() {
        return activation;
    }


    @Override
    public String toString() {
        return "MlpRewardTrainer(hiddenSizes=" + Arrays.toString(hiddenSizes) + ",activation=" + activation + ","
                + describeSettings() + ")";
    }

    /** Configures an {@link MlpRewardTrainer}. */
    public static final class Builder extends RankingRewardTrainerBuilder<MlpRewardTrainer, Builder> {
        private Builder() {
            super(new MlpRewardTrainer());
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the hidden layers.
         * @param widths The widths, one per layer.
         * @return This builder.
         */
        public Builder hiddenSizes(int... widths) {
            trainer.hiddenSizes = widths.clone();
            return this;
        }

        /**
         * Sets the activation.
         * @param activation The activation.
         * @return This builder.
         */
        public Builder activation(Activation activation) {
            trainer.activation = activation;
            return this;
        }
    }
}
