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
import org.rewardcollapse.model.RewardHead;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.RewardNetwork;
import org.rewardcollapse.model.TrainingHistory;
import org.rewardcollapse.policy.FixedUtilityPolicy;
import org.rewardcollapse.policy.Policies;
import org.rewardcollapse.policy.UtilityPolicy;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Trainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.regression.Regressor;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trainer of ranking reward models: maximises, for every prompt group, the sum over its strictly ordered
 * response pairs of the group's utility U of the reward difference ({@link RankingLoss}), with U chosen per group by a
 * {@link UtilityPolicy}. Subclasses say only what the network looks like ({@link LinearRewardTrainer},
 * {@link MlpRewardTrainer}).
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 * Training data is a plain {@code Dataset<Regressor>}: one example per response, the preference score as the
 * target, the prompt group (and optionally its type) in example metadata. Minibatches hold whole groups; the
 * gradient is the mean over the batch's groups, passed to any Tribuo {@link StochasticGradientOptimiser} (Tribuo's
 * AdaGrad or SGD, or this package's correct {@link Adam}) and scaled by a {@link LearningRateSchedule}. Results are
 * bit-identical for the same seed, data, configuration and {@code numThreads}. Progress is logged per epoch through
 * {@code java.util.logging}; a NaN or infinite loss stops training with a {@link TrainingDivergedException}.
 */
public abstract class RankingRewardTrainer implements Trainer<Regressor> {
    @Config(description = "How each prompt group's utility is chosen: fixed, by prompt type, or automatic.")
    private UtilityPolicy policy = new FixedUtilityPolicy("log-sigmoid:1");

    @Config(description = "Bounded rewards, sigmoid of the logit in [0, 1] (the paper's setting); false: the logit "
            + "itself (the standard RLHF reward model).")
    private boolean bounded = false;

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

    @Config(description = "Reward-centring coefficient c >= 0: adds c (r_i + r_j - 2m)^2 per pair, m = 0 unbounded, "
            + "1/2 bounded (TRL's center_rewards_coefficient for pairs).")
    private double centringCoefficient = 0.0;

    @Config(description = "Predict (reward - mean) / std with the training set's reward statistics.")
    private boolean normalizeRewards = false;

    @Config(description = "Pair weights: UNIFORM (the paper's objective), SCORE_DIFFERENCE or GAIN_DIFFERENCE "
            + "(for graded labels).")
    private PairWeighting pairWeighting = PairWeighting.UNIFORM;

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
     * Builds a model; the subclass's constructor.
     */
    @FunctionalInterface
    protected interface ModelFactory {
        /**
         * Creates the model.
         * @param name The model name.
         * @param provenance The provenance.
         * @param featureMap The feature domain.
         * @param outputInfo The output domain.
         * @param network The trained weights.
         * @param head The reward head with the training statistics.
         * @param utilityByType The utility of each prompt type.
         * @param history The training history.
         * @return The model.
         */
        RewardModel create(String name, ModelProvenance provenance, ImmutableFeatureMap featureMap,
                           ImmutableOutputInfo<Regressor> outputInfo, RewardNetwork network, RewardHead head,
                           Map<String, String> utilityByType, TrainingHistory history);
    }

    /**
     * For OLCUT and subclasses.
     */
    protected RankingRewardTrainer() {}

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public synchronized void postConfig() {
        require(policy != null, "policy must be set");
        require(optimiser != null, "optimiser must be set");
        require(epochs >= 1, "epochs must be >= 1, found " + epochs);
        require(minibatchSize >= 1, "minibatchSize must be >= 1, found " + minibatchSize);
        require(l2 >= 0.0 && Double.isFinite(l2), "l2 must be finite and >= 0, found " + l2);
        require(centringCoefficient >= 0.0 && Double.isFinite(centringCoefficient),
                "centringCoefficient must be finite and >= 0, found " + centringCoefficient);
        require(warmupSteps >= 0, "warmupSteps must be >= 0, found " + warmupSteps);
        require(decay != null, "decay must be CONSTANT, LINEAR or COSINE");
        require(pairWeighting != null, "pairWeighting must be UNIFORM, SCORE_DIFFERENCE or GAIN_DIFFERENCE");
        require(validationFraction >= 0.0 && validationFraction < 1.0,
                "validationFraction must be in [0, 1), found " + validationFraction);
        require(patience >= 0, "patience must be >= 0, found " + patience);
        require(patience == 0 || validationFraction > 0.0,
                "patience " + patience + " needs validation groups: set validationFraction in (0, 1)");
        require(snapshotSteps != null && Arrays.stream(snapshotSteps).allMatch(s -> s >= 0),
                "snapshotSteps must be >= 0, found " + Arrays.toString(snapshotSteps));
        require(snapshotGroups >= 1, "snapshotGroups must be >= 1, found " + snapshotGroups);
        require(numThreads >= 1 && numThreads <= 256, "numThreads must be in [1, 256], found " + numThreads);
        require(promptIdKey != null && !promptIdKey.isBlank(), "promptIdKey must be a non-empty metadata key");
        require(promptTypeKey != null && !promptTypeKey.isBlank(), "promptTypeKey must be a non-empty metadata key");
        require(!promptIdKey.equals(promptTypeKey), "promptIdKey and promptTypeKey must differ, both are '"
                + promptIdKey + "'");
        validateNetwork();
        rng = new SplittableRandom(seed);
    }

    /**
     * Checks the subclass's network settings.
     * @throws IllegalArgumentException With a message naming the field and its allowed range.
     */
    protected abstract void validateNetwork();

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
     * The model's name.
     * @return The name.
     */
    protected abstract String modelName();

    /**
     * The model's class, for its provenance.
     * @return The class.
     */
    protected abstract Class<? extends RewardModel> modelClass();

    /**
     * The model constructor.
     * @return The factory.
     */
    protected abstract ModelFactory modelFactory();

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
     *                                  fit the policy.
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
        return new TrainingRun(settings(), examples, localRng, localOptimiser, modelFactory(), trainerProvenance,
                runProvenance).execute();
    }

    private TrainingSettings settings() {
        return new TrainingSettings(policy, bounded, epochs, minibatchSize, l2, centringCoefficient, pairWeighting,
                normalizeRewards,
                warmupSteps, decay, validationFraction, patience, snapshotSteps.clone(), snapshotGroups, numThreads,
                promptIdKey, promptTypeKey, hiddenSizes(), activation(), modelName(), modelClass().getName());
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
     * The utility policy.
     * @return The policy.
     */
    public UtilityPolicy policy() {
        return policy;
    }

    /**
     * Are rewards bounded?
     * @return True for sigmoid rewards in [0, 1].
     */
    public boolean bounded() {
        return bounded;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(policy=" + policy.spec() + ",bounded=" + bounded + ",optimiser="
                + optimiser + ",epochs=" + epochs + ",minibatchSize=" + minibatchSize + ",seed=" + seed
                + networkDescription() + ")";
    }

    /**
     * The subclass's network settings for {@link #toString()}, e.g. {@code ,hiddenSizes=[64],activation=RELU}.
     * @return The text, starting with a comma, or empty.
     */
    protected abstract String networkDescription();

    /**
     * Configures a trainer's common fields; subclasses add their own.
     * @param <T> The trainer type.
     * @param <B> The builder type.
     */
    public abstract static class Builder<T extends RankingRewardTrainer, B extends Builder<T, B>> {
        /** The trainer being configured, made with its OLCUT constructor. */
        protected final T trainer;
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
         * Sets the utility policy.
         * @param policy The policy.
         * @return This builder.
         */
        public B policy(UtilityPolicy policy) {
            base().policy = policy;
            return self();
        }

        /**
         * Sets the policy from a spec ({@link Policies#parse}), e.g. {@code open=inverse,closed=linear}.
         * @param spec The spec.
         * @return This builder.
         */
        public B policy(String spec) {
            return policy(Policies.parse(spec));
        }

        /**
         * Sets one utility for every prompt.
         * @param spec The utility spec, e.g. {@code log-sigmoid:1}.
         * @return This builder.
         */
        public B utility(String spec) {
            return policy(new FixedUtilityPolicy(spec));
        }

        /**
         * Bounded (sigmoid) or unbounded rewards.
         * @param bounded True for rewards in [0, 1].
         * @return This builder.
         */
        public B bounded(boolean bounded) {
            base().bounded = bounded;
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
         * Sets the groups per minibatch.
         * @param groups The minibatch size in groups.
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
         * @param l2 The coefficient.
         * @return This builder.
         */
        public B l2(double l2) {
            base().l2 = l2;
            return self();
        }

        /**
         * Sets the reward-centring coefficient.
         * @param coefficient The coefficient.
         * @return This builder.
         */
        public B centringCoefficient(double coefficient) {
            base().centringCoefficient = coefficient;
            return self();
        }

        /**
         * Weights pairs (graded labels); the default is the paper's uniform weight.
         * @param weighting The weighting.
         * @return This builder.
         */
        public B pairWeighting(PairWeighting weighting) {
            base().pairWeighting = weighting;
            return self();
        }

        /**
         * Standardise predicted rewards with the training statistics.
         * @param normalize True to standardise.
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
         * @param fraction The fraction of groups held out.
         * @param patience Epochs without improvement before stopping (0: monitor only).
         * @return This builder.
         */
        public B validation(double fraction, int patience) {
            base().validationFraction = fraction;
            base().patience = patience;
            return self();
        }

        /**
         * Snapshots rewards at the given optimiser steps.
         * @param maxGroups The maximum number of groups per snapshot.
         * @param steps The steps.
         * @return This builder.
         */
        public B snapshots(int maxGroups, int... steps) {
            base().snapshotGroups = maxGroups;
            base().snapshotSteps = steps.clone();
            return self();
        }

        /**
         * Sets the gradient threads.
         * @param threads The threads.
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
            trainer.postConfig();
            return trainer;
        }
    }
}
