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
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.LinearRewardModel;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.Dataset;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;

import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import static org.rewardcollapse.io.InvalidSettingException.require;

/**
 * Trains a {@link LinearRewardModel}: reward = head(w . x + b) over sparse features, weights starting at zero. The
 * settings are {@link RankingRewardTrainer}'s, and the {@link LinearSolver}: minibatch gradient steps (the default), or
 * Newton's method to the objective's optimum, which needs a concave objective (unbounded rewards, concave utilities,
 * pair weights fixed by the labels, no length decorrelation) and takes no validation groups, patience or snapshots
 * (refused, naming the setting); the optimiser, epoch, minibatch and schedule settings do not apply to it.
 */
public final class LinearRewardTrainer extends RankingRewardTrainer {
    @Config(description = "How the objective is maximised: GRADIENT (minibatch steps with the optimiser, epochs and "
            + "early stopping) or NEWTON (Newton's method to the optimum: unbounded rewards, concave utilities, fixed "
            + "pair weights; the gradient settings do not apply).")
    private LinearSolver solver = LinearSolver.GRADIENT;

    @Config(description = "With solver NEWTON: the learnt weights of the length features (response-length@*) are "
            + "multiplied by this, in [0, 1]: 1 keeps the length preference the labels taught, 0 removes it (a "
            + "length-controlled reward, as in AlpacaEval's length-controlled win rate).")
    private double lengthWeight = 1.0;

    /**
     * For OLCUT.
     */
    private LinearRewardTrainer() {
        super(LinearRewardModel.class, LinearRewardModel::new);
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public synchronized void postConfig() {
        super.postConfig();
        require(solver != null, "solver", "must be GRADIENT or NEWTON");
        require(lengthWeight >= 0.0 && lengthWeight <= 1.0, "lengthWeight", "must be in [0, 1], found "
                + lengthWeight);
        if (solver == LinearSolver.NEWTON) {
            NewtonRun.requireSupported(this);
        } else if (lengthWeight != 1.0) {
            throw InvalidSettingException.naming("{0} " + lengthWeight + " scales the optimum's length weights, which "
                    + "needs {1} NEWTON (early-stopped gradient steps have no optimum to scale)", "lengthWeight",
                    "solver");
        }
    }

    /**
     * How this trainer maximises its objective.
     * @return The solver.
     */
    public LinearSolver solver() {
        return solver;
    }

    @Override
    RewardModel run(Dataset<Regressor> examples, SplittableRandom rng, StochasticGradientOptimiser optimiser,
                    TrainerProvenance trainerProvenance, Map<String, Provenance> runProvenance) {
        return solver == LinearSolver.NEWTON ? new NewtonRun(this, lengthWeight, examples, trainerProvenance,
                runProvenance, null).execute()
                : super.run(examples, rng, optimiser, trainerProvenance, runProvenance);
    }

    /**
     * Trains as {@link #train(Dataset, Map)} does with {@link LinearSolver#NEWTON}, the groups' sums computed where
     * {@code groupSums} puts them (a cluster's executors): the same checks, solver, model class, history and
     * provenance (plus the run facts given), and the same weights up to the order in which the groups' sums are added.
     * @param examples One example per response, prompt group (and type) in metadata.
     * @param runProvenance Run facts to record in the model's provenance (where it trained, say).
     * @param groupSums Where the groups are summed.
     * @return The model.
     * @throws InvalidSettingException If the solver is not NEWTON, naming it, or a setting Newton training refuses.
     * @throws IllegalArgumentException If the data has no ordered pair or does not fit the objective.
     */
    public RewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance,
                             NewtonGroupSums groupSums) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT, groupSums);
    }

    /**
     * Trains as {@link #train(Dataset, Map, NewtonGroupSums)} does, as the given invocation of this trainer (as
     * {@link #train(Dataset, Map, int)} does): an ensemble's member, say.
     * @param examples One example per response, prompt group (and type) in metadata.
     * @param runProvenance Run facts to record in the model's provenance.
     * @param invocationCount The invocation count to train as ({@link #INCREMENT_INVOCATION_COUNT} for the next).
     * @param groupSums Where the groups are summed.
     * @return The model.
     * @throws InvalidSettingException If the solver is not NEWTON, naming it, or a setting Newton training refuses.
     * @throws IllegalArgumentException If the data has no ordered pair or does not fit the objective.
     */
    public RewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance, int invocationCount,
                             NewtonGroupSums groupSums) {
        if (solver != LinearSolver.NEWTON) {
            throw InvalidSettingException.naming("{0} " + solver + " cannot train on several machines: only {0} NEWTON"
                    + " sums its objective over prompt groups, which is what is distributed; set {0} NEWTON", "solver");
        }
        Objects.requireNonNull(groupSums, "groupSums");
        return train(examples, runProvenance, invocationCount, (data, rng, optimiser, trainerProvenance,
                run) -> new NewtonRun(this, lengthWeight, data, trainerProvenance, run, groupSums).execute());
    }

    /**
     * The factor on the length features' learnt weights.
     * @return The factor, in [0, 1].
     */
    public double lengthWeight() {
        return lengthWeight;
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

    @Override
    protected String describeSettings() {
        return solver == LinearSolver.NEWTON ? "objective=" + objective + ",solver=NEWTON,l2=" + l2
                + (lengthWeight == 1.0 ? "" : ",lengthWeight=" + lengthWeight) + ",seed=" + seed
                : super.describeSettings();
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

        /**
         * Chooses how the objective is maximised; the default is {@link LinearSolver#GRADIENT}.
         * @param solver The solver.
         * @return This builder.
         */
        public Builder solver(LinearSolver solver) {
            trainer.solver = solver;
            return this;
        }

        /**
         * Scales the optimum's length weights (solver NEWTON); the default, 1, keeps them as learnt.
         * @param lengthWeight The factor, in [0, 1].
         * @return This builder.
         */
        public Builder lengthWeight(double lengthWeight) {
            trainer.lengthWeight = lengthWeight;
            return this;
        }
    }
}
