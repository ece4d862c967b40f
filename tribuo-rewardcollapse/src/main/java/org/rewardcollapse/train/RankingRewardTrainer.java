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
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.rewardcollapse.io.InvalidSettingException.require;

/**
 * The trainer of ranking reward models: maximises its {@link RankingObjective} (for every prompt group, the sum over
 * its strictly ordered response pairs of the group's utility of the reward difference) with minibatches of whole
 * groups. Subclasses say only what the network looks like ({@link LinearRewardTrainer}, {@link MlpRewardTrainer}).
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 * Training data is a plain {@code Dataset<Regressor>}: one example per response, the preference score as the target,
 * the prompt group (and type) in metadata. The mean gradient of a batch's groups goes to any Tribuo
 * {@link StochasticGradientOptimiser} (or this package's correct {@link Adam}), scaled by a
 * {@link LearningRateSchedule}.
 * Results are bit-identical for the same seed, data, settings and {@code numThreads}; a NaN or infinite loss throws
 * {@link TrainingDivergedException}. {@link #postConfig()} checks the settings, naming a bad one's field.
 */
public abstract class RankingRewardTrainer implements Trainer<Regressor> {
    /** The logger of the per-epoch progress lines (epoch, loss, pairwise accuracy, groups/s, time left). */
    public static final String PROGRESS_LOGGER = "org.rewardcollapse.train.progress";

    // Package-private so that RankingRewardTrainerBuilder sets them; nothing else writes them.
    @Config(description = "What is maximised: the utility policy, bounded rewards, centring and pair weights.")
    RankingObjective objective = RankingObjective.builder().build();

    @Config(description = "The gradient optimiser (Tribuo's AdaGrad or SGD, or org.rewardcollapse.train.Adam).")
    StochasticGradientOptimiser optimiser = new Adam(0.01);

    @Config(description = "Number of passes over the training groups, >= 1.")
    int epochs = 20;

    @Config(description = "Number of prompt groups per minibatch, >= 1.")
    int minibatchSize = 32;

    @Config(description = "Seed of the initial weights, the validation split and the shuffles.")
    long seed = Trainer.DEFAULT_SEED;

    @Config(description = "L2 penalty coefficient on the weights (not the biases), >= 0.")
    double l2 = 0.0;

    @Config(description = "Features whose input weights the L2 penalty leaves alone: names, or prefixes ending in * "
            + "(e.g. response-length@*, so that a penalty strong enough for embeddings leaves length alone).")
    List<String> unpenalised = new ArrayList<>();

    @Config(description = "Predict (reward - mean) / std with the training set's reward statistics.")
    boolean normalizeRewards = false;

    @Config(description = "Optimiser steps of linear learning-rate warm-up, >= 0.")
    int warmupSteps = 0;

    @Config(description = "Learning-rate schedule after warm-up: CONSTANT, LINEAR or COSINE decay.")
    LearningRateSchedule.Decay decay = LearningRateSchedule.Decay.CONSTANT;

    @Config(description = "Fraction of prompt groups held out for validation, in [0, 1).")
    double validationFraction = 0.0;

    @Config(description = "Stop after this many epochs without a lower validation loss and keep the best epoch "
            + "(0: never stop early; needs validationFraction > 0).")
    int patience = 0;

    @Config(description = "Optimiser steps at which to snapshot the rewards of the snapshot groups (0 = before "
            + "training); a final snapshot is added when any is asked for.")
    int[] snapshotSteps = new int[0];

    @Config(description = "Maximum number of groups in a snapshot (validation groups if any, else training groups).")
    int snapshotGroups = 256;

    @Config(description = "Threads computing a minibatch's gradients, in [1, 256] (it changes the order of sums).")
    int numThreads = 1;

    @Config(description = "Metadata key holding the prompt group id.")
    String promptIdKey = RankingMetadata.DEFAULT_PROMPT_ID_KEY;

    @Config(description = "Metadata key holding the prompt type.")
    String promptTypeKey = RankingMetadata.DEFAULT_PROMPT_TYPE_KEY;

    private final Class<? extends RewardModel> modelClass;
    private final Function<RewardModel.Parts, RewardModel> modelFactory;
    private InvocationRandom invocations;

    /**
     * For subclasses, from their OLCUT constructors.
     * @param modelClass The class of the models this trainer makes, for their provenance.
     * @param modelFactory Makes a model from its trained parts.
     */
    protected RankingRewardTrainer(Class<? extends RewardModel> modelClass,
                                   Function<RewardModel.Parts, RewardModel> modelFactory) {
        this.modelClass = modelClass;
        this.modelFactory = modelFactory;
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code. Subclasses check their own
     * settings, then call this.
     */
    @Override
    public synchronized void postConfig() {
        require(objective != null, "objective", "must be set");
        unpenalised = unpenalised == null ? new ArrayList<>() : unpenalised;
        require(unpenalised.stream().allMatch(p -> p != null && !p.isBlank() && !p.equals("*")), "unpenalised",
                "entries must be feature names or prefixes ending in *, found " + unpenalised);
        require(l2 >= 0.0 && Double.isFinite(l2), "l2", "must be finite and >= 0, found " + l2);
        require(numThreads >= 1 && numThreads <= 256, "numThreads", "must be in [1, 256], found " + numThreads);
        TrainingRun.checkSchedule(this);
        RankingMetadata.requireKeys(promptIdKey, promptTypeKey);
        invocations = new InvocationRandom(seed);
    }

    /** @return The hidden layer widths (empty for a linear model). */
    protected abstract int[] hiddenSizes();

    /** @return The activation between layers. */
    protected abstract Activation activation();

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
        return train(examples, runProvenance, invocationCount, this::run);
    }

    /** Trains as {@link #train(Dataset, Map, int)} does, with another run: the invocation's parts go to it. */
    RewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance, int invocationCount,
                      Run run) {
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
            localOptimiser = optimiser.copy();
            trainerProvenance = getProvenance();
            localRng = invocations.next();
        }
        return run.run(examples, localRng, localOptimiser, trainerProvenance, runProvenance);
    }

    /** One training run, given the invocation's random source, optimiser copy and provenance. */
    @FunctionalInterface
    interface Run {
        RewardModel run(Dataset<Regressor> examples, SplittableRandom rng, StochasticGradientOptimiser optimiser,
                        TrainerProvenance trainerProvenance, Map<String, Provenance> runProvenance);
    }

    /**
     * One training run with this trainer's settings and this invocation's random source, optimiser copy and
     * provenance: minibatch gradient steps ({@link TrainingRun}); a subclass may solve its objective another way.
     */
    RewardModel run(Dataset<Regressor> examples, SplittableRandom rng, StochasticGradientOptimiser optimiser,
                    TrainerProvenance trainerProvenance, Map<String, Provenance> runProvenance) {
        return new TrainingRun(this, examples, rng, optimiser, trainerProvenance, runProvenance).execute();
    }

    /**
     * Makes this trainer's model from its trained parts, with the training data's feature and output domains and a
     * provenance of the data, the trainer and the run.
     */
    RewardModel model(Dataset<Regressor> data, RewardNetwork network, RewardHead head, UtilityByType byType,
                      TrainingHistory history, TrainerProvenance trainerProvenance,
                      Map<String, Provenance> runProvenance) {
        return modelFactory.apply(RewardModel.Parts.trained(modelClass, data, network, head, byType, history,
                trainerProvenance, runProvenance));
    }

    @Override
    public synchronized int getInvocationCount() {
        return invocations.count();
    }

    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        invocations.moveTo(invocationCount);
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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + describeSettings() + ")";
    }

    /** @return The main settings in words, for {@link #toString()}: {@code objective=...,optimiser=...,...}. */
    protected String describeSettings() {
        return "objective=" + objective + ",optimiser=" + optimiser + ",epochs=" + epochs + ",minibatchSize="
                + minibatchSize + ",seed=" + seed;
    }
}
