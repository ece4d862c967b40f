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

import org.rewardcollapse.policy.FixedUtilityPolicy;
import org.rewardcollapse.policy.Policies;
import org.rewardcollapse.policy.UtilityPolicy;
import org.tribuo.math.StochasticGradientOptimiser;

/**
 * Configures a {@link RankingRewardTrainer} for Java callers: each method sets the trainer's own field (the policy,
 * boundedness, centring and pair weights make its {@link RankingObjective}); the trainer validates itself in
 * {@link #build()}, as OLCUT's {@code postConfig()} does for configuration files.
 * @param <T> The trainer type.
 * @param <B> The builder type.
 */
public abstract class RankingRewardTrainerBuilder<T extends RankingRewardTrainer,
        B extends RankingRewardTrainerBuilder<T, B>> {
    /** The trainer being configured, made with its OLCUT constructor. */
    protected final T trainer;
    private UtilityPolicy policy;
    private boolean bounded;
    private double centringCoefficient;
    private PairWeighting pairWeighting = PairWeighting.UNIFORM;
    private double margin = 0.0;
    private double lengthDecorrelation = 0.0;
    private boolean built;

    /**
     * Starts a builder.
     * @param trainer A trainer made with its no-argument constructor.
     */
    protected RankingRewardTrainerBuilder(T trainer) {
        this.trainer = trainer;
    }

    /**
     * This builder.
     * @return this.
     */
    protected abstract B self();

    private RankingRewardTrainer base() {
        return trainer;
    }

    /**
     * Sets the whole objective, instead of the policy, boundedness, centring and pair weights.
     * @param objective The whole objective (instead of policy, bounded, centring and pair weights).
     * @return This.
     */
    public B objective(RankingObjective objective) {
        base().objective = objective;
        return self();
    }

    /**
     * Sets the utility policy.
     * @param policy The utility policy.
     * @return This builder.
     */
    public B policy(UtilityPolicy policy) {
        this.policy = policy;
        return self();
    }

    /**
     * Sets the utility policy.
     * @param spec A policy spec ({@link Policies#parse}), e.g. {@code open=inverse,closed=linear}.
     * @return This.
     */
    public B policy(String spec) {
        return policy(Policies.parse(spec));
    }

    /**
     * Sets one utility for every prompt.
     * @param spec One utility for every prompt, e.g. {@code log-sigmoid:1}.
     * @return This builder.
     */
    public B utility(String spec) {
        return policy(new FixedUtilityPolicy(spec));
    }

    /**
     * Bounded (sigmoid) or unbounded rewards.
     * @param bounded True for sigmoid rewards in [0, 1].
     * @return This builder.
     */
    public B bounded(boolean bounded) {
        this.bounded = bounded;
        return self();
    }

    /**
     * Sets the reward-centring coefficient.
     * @param coefficient The reward-centring coefficient.
     * @return This builder.
     */
    public B centringCoefficient(double coefficient) {
        this.centringCoefficient = coefficient;
        return self();
    }

    /**
     * Weights pairs (graded labels); the default is the paper's uniform weight.
     * @param weighting The pair weights (graded labels).
     * @return This builder.
     */
    public B pairWeighting(PairWeighting weighting) {
        this.pairWeighting = weighting;
        return self();
    }

    /**
     * Sets the Llama 2 margin: each pair's utility is taken at {@code r_i - r_j - mu (s_i - s_j)}.
     * @param mu The margin coefficient, finite and &gt;= 0 (0, the default, for none).
     * @return This builder.
     */
    public B margin(double mu) {
        this.margin = mu;
        return self();
    }

    /**
     * Trains a length-decorrelated reward (ODIN, linear models only): a length head on the length features beside
     * the quality head, a penalty {@code lambda * rho^2} on the correlation of the quality head with log length, and
     * the quality head kept as the model.
     * @param lambda The penalty's weight, finite and &gt;= 0 (0, the default, for none).
     * @return This builder.
     */
    public B lengthDecorrelation(double lambda) {
        this.lengthDecorrelation = lambda;
        return self();
    }

    /**
     * Sets the optimiser.
     * @param optimiser The optimiser.
     * @return This builder.
     */
    public B optimiser(StochasticGradientOptimiser optimiser) {
        base().optimiser = optimiser;
        return self();
    }

    /**
     * Sets the number of epochs.
     * @param epochs The epochs.
     * @return This builder.
     */
    public B epochs(int epochs) {
        base().epochs = epochs;
        return self();
    }

    /**
     * Sets the prompt groups per minibatch.
     * @param groups The prompt groups per minibatch.
     * @return This builder.
     */
    public B minibatchSize(int groups) {
        base().minibatchSize = groups;
        return self();
    }

    /**
     * Sets the seed.
     * @param seed The seed.
     * @return This builder.
     */
    public B seed(long seed) {
        base().seed = seed;
        return self();
    }

    /**
     * Sets the L2 coefficient.
     * @param l2 The L2 coefficient.
     * @return This builder.
     */
    public B l2(double l2) {
        base().l2 = l2;
        return self();
    }

    /**
     * Leaves some features' input weights out of the L2 penalty.
     * @param features Feature names, or prefixes ending in {@code *}.
     * @return This builder.
     */
    public B unpenalised(String... features) {
        base().unpenalised = new java.util.ArrayList<>(java.util.List.of(features));
        return self();
    }

    /**
     * Standardises predicted rewards with the training statistics.
     * @param normalize Standardise predictions with the training statistics.
     * @return This builder.
     */
    public B normalizeRewards(boolean normalize) {
        base().normalizeRewards = normalize;
        return self();
    }

    /**
     * Sets the learning-rate schedule.
     * @param warmupSteps Linear warm-up steps.
     * @param decay The decay after warm-up.
     * @return This builder.
     */
    public B schedule(int warmupSteps, LearningRateSchedule.Decay decay) {
        base().warmupSteps = warmupSteps;
        base().decay = decay;
        return self();
    }

    /**
     * Holds out validation groups and stops early.
     * @param fraction Groups held out.
     * @param patience Epochs without improvement (0: monitor).
     * @return This.
     */
    public B validation(double fraction, int patience) {
        base().validationFraction = fraction;
        base().patience = patience;
        return self();
    }

    /**
     * Snapshots rewards at the given optimiser steps.
     * @param maxGroups Groups per snapshot.
     * @param steps Optimiser steps to snapshot at.
     * @return This builder.
     */
    public B snapshots(int maxGroups, int... steps) {
        base().snapshotGroups = maxGroups;
        base().snapshotSteps = steps.clone();
        return self();
    }

    /**
     * Sets the gradient threads.
     * @param threads The gradient threads.
     * @return This builder.
     */
    public B numThreads(int threads) {
        base().numThreads = threads;
        return self();
    }

    /**
     * Sets the metadata keys.
     * @param promptIdKey The prompt-id key.
     * @param promptTypeKey The prompt-type key.
     * @return This builder.
     */
    public B metadataKeys(String promptIdKey, String promptTypeKey) {
        base().promptIdKey = promptIdKey;
        base().promptTypeKey = promptTypeKey;
        return self();
    }

    /**
     * Validates and returns the trainer; a builder builds once.
     * @return The trainer.
     * @throws IllegalArgumentException If a setting is out of range, naming the field.
     */
    public T build() {
        if (built) {
            throw new IllegalStateException("this builder has already built its trainer");
        }
        built = true;
        if (policy != null || bounded || centringCoefficient != 0.0 || pairWeighting != PairWeighting.UNIFORM
                || margin != 0.0 || lengthDecorrelation != 0.0) {
            base().objective = new RankingObjective(policy != null ? policy : base().objective.policy(), bounded,
                    centringCoefficient, pairWeighting, margin, lengthDecorrelation);
        }
        trainer.postConfig();
        return trainer;
    }
}
