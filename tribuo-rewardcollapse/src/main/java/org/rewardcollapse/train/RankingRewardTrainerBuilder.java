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

import org.tribuo.math.StochasticGradientOptimiser;

import java.util.ArrayList;
import java.util.List;

/**
 * Configures a {@link RankingRewardTrainer} for Java callers: each method writes one of the trainer's settings, and the
 * objective (utility policy, bounded rewards, pair weights, margin...) is one setting, made by its own builder
 * ({@link RankingObjective#builder()}). {@link #build()} checks everything, as OLCUT's {@code postConfig()} does for
 * configuration files; a bad setting names its field.
 * @param <T> The trainer type.
 * @param <B> The builder type.
 */
public abstract class RankingRewardTrainerBuilder<T extends RankingRewardTrainer,
        B extends RankingRewardTrainerBuilder<T, B>> {
    /** The trainer being configured, made with its OLCUT constructor. */
    protected final T trainer;
    private boolean built;

    /**
     * Starts a builder.
     * @param trainer A trainer made with its no-argument constructor.
     */
    protected RankingRewardTrainerBuilder(T trainer) {
        this.trainer = trainer;
    }

    /** @return This builder, typed as the subclass. */
    protected abstract B self();

    /**
     * Sets what is maximised; the default is {@code RankingObjective.builder().build()}, log-sigmoid:1 on unbounded
     * rewards. Make one with {@link RankingObjective#builder()} or {@link RankingObjective#of(String, boolean)}.
     * @param objective The objective.
     * @return This builder.
     */
    public B objective(RankingObjective objective) {
        trainer.objective = objective;
        return self();
    }

    /** @param optimiser The gradient optimiser. @return This builder. */
    public B optimiser(StochasticGradientOptimiser optimiser) {
        trainer.optimiser = optimiser;
        return self();
    }

    /** @param epochs Passes over the training groups, &gt;= 1. @return This builder. */
    public B epochs(int epochs) {
        trainer.epochs = epochs;
        return self();
    }

    /** @param groups Prompt groups per minibatch, &gt;= 1. @return This builder. */
    public B minibatchSize(int groups) {
        trainer.minibatchSize = groups;
        return self();
    }

    /** @param seed The seed of the weights, the split and the shuffles. @return This builder. */
    public B seed(long seed) {
        trainer.seed = seed;
        return self();
    }

    /** @param l2 The L2 coefficient, &gt;= 0. @return This builder. */
    public B l2(double l2) {
        trainer.l2 = l2;
        return self();
    }

    /** @param features Names, or prefixes ending in {@code *}, the L2 penalty leaves alone. @return This builder. */
    public B unpenalised(String... features) {
        trainer.unpenalised = new ArrayList<>(List.of(features));
        return self();
    }

    /** @param normalize Standardise predictions with the training statistics. @return This builder. */
    public B normalizeRewards(boolean normalize) {
        trainer.normalizeRewards = normalize;
        return self();
    }

    /** @param warmupSteps Linear warm-up steps. @param decay The decay after it. @return This builder. */
    public B schedule(int warmupSteps, LearningRateSchedule.Decay decay) {
        trainer.warmupSteps = warmupSteps;
        trainer.decay = decay;
        return self();
    }

    /** @param fraction Groups held out. @param patience Epochs without improvement (0: monitor). @return This. */
    public B validation(double fraction, int patience) {
        trainer.validationFraction = fraction;
        trainer.patience = patience;
        return self();
    }

    /** @param maxGroups Groups per snapshot. @param steps Optimiser steps to snapshot at. @return This builder. */
    public B snapshots(int maxGroups, int... steps) {
        trainer.snapshotGroups = maxGroups;
        trainer.snapshotSteps = steps.clone();
        return self();
    }

    /** @param threads Threads computing each minibatch's gradient. @return This builder. */
    public B numThreads(int threads) {
        trainer.numThreads = threads;
        return self();
    }

    /** @param promptIdKey The prompt-id metadata key. @param promptTypeKey The type's. @return This builder. */
    public B metadataKeys(String promptIdKey, String promptTypeKey) {
        trainer.promptIdKey = promptIdKey;
        trainer.promptTypeKey = promptTypeKey;
        return self();
    }

    /**
     * Validates and returns the trainer; a builder builds once.
     * @return The trainer.
     * @throws org.rewardcollapse.io.InvalidSettingException If a setting is out of range, naming its field.
     */
    public T build() {
        if (built) {
            throw new IllegalStateException("this builder has already built its trainer");
        }
        built = true;
        trainer.postConfig();
        return trainer;
    }
}
