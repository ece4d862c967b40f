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
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.policy.FixedUtilityPolicy;
import org.rewardcollapse.policy.Policies;
import org.rewardcollapse.policy.UtilityPolicy;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.regression.Regressor;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trainer of ranking reward models: maximises its {@link RankingObjective} (for every prompt group, the sum over
 * its strictly ordered response pairs of the group's utility of the reward difference) with minibatches of whole
 * groups. Subclasses say only what the network looks like ({@link LinearRewardTrainer}, {@link MlpRewardTrainer}).
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 * Training data is a plain {@code Dataset<Regressor>}: one example per response, the preference score as the
 * target, the prompt group (and optionally its type) in example metadata. The gradient is the mean over a batch's
 * groups, passed to any Tribuo {@link StochasticGradientOptimiser} (Tribuo's AdaGrad or SGD, or this package's correct
 * {@link Adam}) and scaled by a {@link LearningRateSchedule}. Results are bit-identical for the same seed, data,
 * configuration and {@code numThreads}. Progress is logged per epoch through {@code java.util.logging}; a NaN or
 * infinite loss stops training with a {@link TrainingDivergedException}.
 */
public abstract class RankingRewardTrainer implements Trainer<Regressor> {
    @Config(description = "What is maximised: the utility policy, bounded rewards, centring and pair weights.")
    private RankingObjective objective = new RankingObjective(new FixedUtilityPolicy("log-sigmoid:1"), false);

    @Config(description = "The gradient optimiser (Tribuo's AdaGrad or SGD, or org.rewardcollapse.train.Adam).")
    private StochasticGradientOptimiser optimiser = new Adam(0.01);

    @Config(description = "Number of passes over the training groups, >= 1.")
    private int epochs = 20;

    @Config(description = "Number of prompt groups per minibatch, >= 1.")
    private int minibatchSize = 32;

    @Config(description = "Seed of the initial weights, the validation split and the shuffles.")
    private long seed = Trainer.DEFAULT_SEED;

    @Config(description = "L2 penalty coefficient on the weights (not the biases), >= 0.")
    private double l2 = 0.0;

    @Config(description = "Predict (reward - mean) / std with the training set's reward statistics.")
    private boolean normalizeRewards = false;

    @Config(description = "Optimiser steps of linear learning-rate warm-up, >= 0.")
    private int warmupSteps = 0;

    @Config(description = "Learning-rate schedule after warm-up: CONSTANT, LINEAR or COSINE decay.")
    private LearningRateSchedule.Decay decay = LearningRateSchedule.Decay.CONSTANT;

    @Config(description = "Fraction of prompt groups held out for validation, in [0, 1).")
    private double validationFraction = 0.0;

    @Config(description = "Stop after this many epochs without a lower validation loss and keep the best epoch "
            + "(0: never stop early; needs validationFraction > 0).")
    private int patience = 0;

    @Config(description = "Optimiser steps at which to snapshot the rewards of the snapshot groups (0 = before "
            + "training); a final snapshot is added when any is asked for.")
    private int[] snapshotSteps = new int[0];

    @Config(description = "Maximum number of groups in a snapshot (validation groups if any, else training groups).")
    private int snapshotGroups = 256;

    @Config(description = "Threads computing a minibatch's gradients, >= 1; results depend on it only through the "
            + "order of floating-point sums.")
    private int numThreads = 1;

    @Config(description = "Metadata key holding the prompt group id.")
    private String promptIdKey = RankingMetadata.DEFAULT_PROMPT_ID_KEY;

    @Config(description = "Metadata key holding the prompt type.")
    private String promptTypeKey = RankingMetadata.DEFAULT_PROMPT_TYPE_KEY;

    private SplittableRandom rng;
    private int trainInvocationCounter;

    /**
     * For OLCUT and subclasses.
     */
    protected RankingRewardTrainer() {}

    /**
     * Used by the OLCUT configuration system, and should not be called by external code. Subclasses check their own
     * settings and call this.
     */
    @Override
    public synchronized void postConfig() {
        require(objective != null, "objective must be set");
        require(optimiser != null, "optimiser must be set");
        require(epochs >= 1, "epochs must be >= 1, found " + epochs);
        require(minibatchSize >= 1, "minibatchSize must be >= 1, found " + minibatchSize);
        require(l2 >= 0.0 && Double.isFinite(l2), "l2 must be finite and >= 0, found " + l2);
        require(warmupSteps >= 0, "warmupSteps must be >= 0, found " + warmupSteps);
        require(decay != null, "decay must be CONSTANT, LINEAR or COSINE");
        require(validationFraction >= 0.0 && validationFraction < 1.0,
                "validationFraction must be in [0, 1), found " + validationFraction);
        require(patience >= 0, "patience must be >= 0, found " + patience);
        require(patience == 0 || validationFraction > 0.0,
                "patience " + patience + " needs validation groups: set validationFraction in (0, 1)");
        require(snapshotSteps != null && Arrays.stream(snapshotSteps).allMatch(s -> s >= 0),
                "snapshotSteps must be >= 0, found " + Arrays.toString(snapshotSteps));
        require(snapshotGroups >= 1, "snapshotGroups must be >= 1, found " + snapshotGroups);
        require(numThreads >= 1 && numThreads <= 256, "numThreads must be in [1, 256], found " + numThreads);
        RankingMetadata.requireKeys(promptIdKey, promptTypeKey);
        rng = new SplittableRandom(seed);
    }

    /**
     * Fails a configuration check.
     * @param condition The condition that must hold.
     * @param message The message naming the field and the allowed range.
     */
    protected static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The hidden layer widths (empty for a linear model).
     * @return The widths.
     */
    protected abstract int[] hiddenSizes();

    /**
     * The activation between layers.
     * @return The activation.
     */
    protected abstract Activation activation();

    /**
     * The class of the models this trainer makes, for their provenance.
     * @return The class.
     */
    protected abstract Class<? extends RewardModel> modelClass();

    /**
     * Makes the model from its trained parts.
     * @param parts The parts.
     * @return The model.
     */
    protected abstract RewardModel createModel(RewardModel.Parts parts);

    @Override
    public RewardModel train(Dataset<Regressor> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public RewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    /**
     * Trains a reward model.
     * @param examples One example per response, prompt group (and type) in metadata.
     * @param runProvenance Run facts to record in the model's provenance.
     * @param invocationCount The invocation count to train as ({@link #INCREMENT_INVOCATION_COUNT} for the next).
     * @return The model.
     * @throws IllegalArgumentException If the data has no ordered pair, unknown outputs, bad features, or does not
     *                                  fit the objective.
     * @throws TrainingDivergedException If the loss or weights become NaN or infinite.
     */
    @Override
    public RewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        if (examples.getOutputInfo().getUnknownCount() > 0) {
            throw new IllegalArgumentException("the dataset has " + examples.getOutputInfo().getUnknownCount()
                    + " examples without a score; ranking training is supervised");
        }
        TrainerProvenance trainerProvenance;
        SplittableRandom localRng;
        StochasticGradientOptimiser localOptimiser;
        synchronized (this) {
            if (invocationCount != INCREMENT_INVOCATION_COUNT) {
                setInvocationCount(invocationCount);
            }
            localRng = rng.split();
            localOptimiser = optimiser.copy();
            trainerProvenance = getProvenance();
            trainInvocationCounter++;
        }
        return new TrainingRun(this, examples, localRng, localOptimiser, trainerProvenance, runProvenance).execute();
    }

    @Override
    public int getInvocationCount() {
        return trainInvocationCounter;
    }

    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("invocationCount must be >= 0, found " + invocationCount);
        }
        rng = new SplittableRandom(seed);
        for (trainInvocationCounter = 0; trainInvocationCounter < invocationCount; trainInvocationCounter++) {
            rng.split();
        }
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    /**
     * What this trainer maximises.
     * @return The objective.
     */
    public RankingObjective objective() {
        return objective;
    }

    /**
     * The number of epochs.
     * @return The epochs.
     */
    public int epochs() {
        return epochs;
    }

    int minibatchSize() {
        return minibatchSize;
    }

    double l2() {
        return l2;
    }

    boolean normalizeRewards() {
        return normalizeRewards;
    }

    LearningRateSchedule schedule(long totalSteps) {
        return new LearningRateSchedule(decay, warmupSteps, totalSteps);
    }

    double validationFraction() {
        return validationFraction;
    }

    int patience() {
        return patience;
    }

    int[] snapshotSteps() {
        return snapshotSteps.clone();
    }

    int snapshotGroups() {
        return snapshotGroups;
    }

    int numThreads() {
        return numThreads;
    }

    String promptIdKey() {
        return promptIdKey;
    }

    String promptTypeKey() {
        return promptTypeKey;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + describeSettings() + ")";
    }

    /**
     * The main settings in words, for {@link #toString()}.
     * @return {@code objective=...,optimiser=...,epochs=...,minibatchSize=...,seed=...}.
     */
    protected String describeSettings() {
        return "objective=" + objective + ",optimiser=" + optimiser + ",epochs=" + epochs + ",minibatchSize="
                + minibatchSize + ",seed=" + seed;
    }

    /**
     * Configures a trainer for Java callers: every setting is the trainer's own field (or its objective's), set
     * before the trainer validates itself in {@link #build()}.
     * @param <T> The trainer type.
     * @param <B> The builder type.
     */
    public abstract static class Builder<T extends RankingRewardTrainer, B extends Builder<T, B>> {
        /** The trainer being configured, made with its OLCUT constructor. */
        protected final T trainer;
        private UtilityPolicy policy;
        private boolean bounded;
        private double centringCoefficient;
        private PairWeighting pairWeighting = PairWeighting.UNIFORM;
        private boolean built;

        /**
         * Starts a builder.
         * @param trainer A trainer made with its no-argument constructor.
         */
        protected Builder(T trainer) {
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
            if (policy != null || bounded || centringCoefficient != 0.0 || pairWeighting != PairWeighting.UNIFORM) {
                base().objective = new RankingObjective(policy != null ? policy : base().objective.policy(), bounded,
                        centringCoefficient, pairWeighting);
            }
            trainer.postConfig();
            return trainer;
        }
    }
}
