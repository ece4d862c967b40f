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
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.regression.Regressor;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
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
    private SplittableRandom rng;
    private int trainInvocationCounter;

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
        require(optimiser != null, "optimiser", "must be set");
        require(epochs >= 1, "epochs", "must be >= 1, found " + epochs);
        if (unpenalised == null) {
            unpenalised = new ArrayList<>();
        }
        for (String pattern : unpenalised) {
            require(pattern != null && !pattern.isBlank() && !pattern.equals("*"), "unpenalised",
                    "entries must be feature names or prefixes ending in *, found '" + pattern + "'");
        }
        require(minibatchSize >= 1, "minibatchSize", "must be >= 1, found " + minibatchSize);
        require(l2 >= 0.0 && Double.isFinite(l2), "l2", "must be finite and >= 0, found " + l2);
        require(warmupSteps >= 0, "warmupSteps", "must be >= 0, found " + warmupSteps);
        require(decay != null, "decay", "must be CONSTANT, LINEAR or COSINE");
        require(validationFraction >= 0.0 && validationFraction < 1.0, "validationFraction",
                "must be in [0, 1), found " + validationFraction);
        require(patience >= 0, "patience", "must be >= 0, found " + patience);
        require(patience == 0 || validationFraction > 0.0, "patience", patience + " needs validation groups: set "
                + "validationFraction in (0, 1)");
        require(snapshotSteps != null && Arrays.stream(snapshotSteps).allMatch(s -> s >= 0), "snapshotSteps",
                "must be >= 0, found " + Arrays.toString(snapshotSteps));
        require(snapshotGroups >= 1, "snapshotGroups", "must be >= 1, found " + snapshotGroups);
        require(numThreads >= 1 && numThreads <= 256, "numThreads", "must be in [1, 256], found " + numThreads);
        RankingMetadata.requireKeys(promptIdKey, promptTypeKey);
        rng = new SplittableRandom(seed);
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
        return run(examples, localRng, localOptimiser, trainerProvenance, runProvenance);
    }

    /**
     * One training run with this trainer's settings: minibatch gradient steps ({@link TrainingRun}); a subclass may
     * solve its objective another way.
     * @param examples The training data.
     * @param rng This invocation's random source.
     * @param optimiser This invocation's copy of the optimiser.
     * @param trainerProvenance The trainer's provenance.
     * @param runProvenance Run facts to record.
     * @return The model.
     */
    RewardModel run(Dataset<Regressor> examples, SplittableRandom rng, StochasticGradientOptimiser optimiser,
                    TrainerProvenance trainerProvenance, Map<String, Provenance> runProvenance) {
        return new TrainingRun(this, examples, rng, optimiser, trainerProvenance, runProvenance).execute();
    }

    /**
     * Makes this trainer's model from its trained parts.
     * @param data The training data (its feature and output domains, its provenance).
     * @param network The trained network.
     * @param head The head with the training reward statistics.
     * @param byType The utility of each prompt type.
     * @param history The training history.
     * @param trainerProvenance The trainer's provenance.
     * @param runProvenance Run facts to record.
     * @return The model.
     */
    RewardModel model(Dataset<Regressor> data, RewardNetwork network, RewardHead head, UtilityByType byType,
                      TrainingHistory history, TrainerProvenance trainerProvenance,
                      Map<String, Provenance> runProvenance) {
        ModelProvenance provenance = new ModelProvenance(modelClass.getName(), OffsetDateTime.now(),
                data.getProvenance(), trainerProvenance, runProvenance);
        return modelFactory.apply(new RewardModel.Parts(RewardModel.defaultName(modelClass), provenance,
                data.getFeatureIDMap(), data.getOutputIDInfo(), network, head, byType, history));
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
}
