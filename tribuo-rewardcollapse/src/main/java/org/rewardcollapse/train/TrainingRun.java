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

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.RewardHead;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.model.TrainingHistory.EpochRecord;
import org.rewardcollapse.model.TrainingHistory.RewardSnapshot;
import org.rewardcollapse.model.TrainingHistory;
import org.rewardcollapse.policy.UtilityAssignment;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One training run of a {@link RankingRewardTrainer}: groups the data, assigns each group its utility, and runs the
 * epochs of minibatches of whole groups, with snapshots, divergence checks and early stopping; then makes the model.
 * The parts live beside it: {@link ValidationSplit}, {@link GroupGradients} (loss and gradient),
 * {@link OptimiserStep}, {@link EarlyStopping}, {@link RewardStatistics} and {@link TrainingProgress}.
 */
final class TrainingRun {
    private static final Logger logger = Logger.getLogger(TrainingRun.class.getName());

    private final RankingRewardTrainer trainer;
    private final Dataset<Regressor> data;
    private final SplittableRandom rng;
    private final StochasticGradientOptimiser optimiser;
    private final TrainerProvenance trainerProvenance;
    private final Map<String, Provenance> runProvenance;

    private final List<EpochRecord> epochs = new ArrayList<>();
    private final List<RewardSnapshot> snapshots = new ArrayList<>();
    private RankingGroups groups;
    private UtilityAssignment assignment;
    private TrainableNetwork network;
    private GroupGradients engine;
    private BatchPenalty penalty;
    private ValidationSplit split;

    TrainingRun(RankingRewardTrainer trainer, Dataset<Regressor> data, SplittableRandom rng,
                StochasticGradientOptimiser optimiser, TrainerProvenance trainerProvenance,
                Map<String, Provenance> runProvenance) {
        this.trainer = trainer;
        this.data = data;
        this.rng = rng;
        this.optimiser = optimiser;
        this.trainerProvenance = trainerProvenance;
        this.runProvenance = runProvenance;
    }

    RewardModel execute() {
        List<Example<Regressor>> examples = data.getData();
        groups = RankingGroups.of(examples, trainer.promptIdKey, trainer.promptTypeKey);
        if (groups.size() == 0) {
            throw new IllegalArgumentException("no prompt group with an ordered pair among " + examples.size()
                    + " examples (" + groups.singletonGroups() + " groups of one response, " + groups.tiedGroups()
                    + " all tied); check the '" + trainer.promptIdKey + "' metadata and the scores");
        }
        if (groups.singletonGroups() + groups.tiedGroups() > 0) {
            logger.info(() -> "skipped " + groups.singletonGroups() + " groups of one response and "
                    + groups.tiedGroups() + " groups with all responses tied (no ordered pair)");
        }
        RankingObjective objective = trainer.objective;
        for (RankingGroup group : groups) {
            objective.pairWeighting().requireUsable(group.promptId(), group.scores());
            requireFiniteMargin(objective.margin(), group);
        }
        SparseFeatures[] features = SparseFeatures.ofGroups(examples, groups, data.getFeatureIDMap());
        penalty = objective.batchPenalty(examples, features, data.getFeatureIDMap());
        assignment = objective.policy().assign(groups, examples);
        assignment.requireTrainable();
        warnIfUnbounded(objective);
        TrainingProgress.line(() -> "utilities: " + assignment.description() + "; groups per utility: "
                + assignment.counts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        split = ValidationSplit.of(groups, examples, trainer.validationFraction, trainer.snapshotGroups, rng);
        network = new TrainableNetwork(data.getFeatureIDMap().size(), trainer.hiddenSizes(), trainer.activation(),
                SparseFeatures.meanSize(features), rng);
        RewardHead head = RewardHead.untrained(objective.bounded());
        optimiser.initialise(network);
        try (GroupGradients gradients = new GroupGradients(network, head, objective.loss(), features, groups.groups(),
                assignment, trainer.numThreads, penalty)) {
            engine = gradients;
            return loop(head);
        } finally {
            optimiser.reset();
        }
    }

    private RewardModel loop(RewardHead head) {
        int[] train = split.train();
        int[] validation = split.validation();
        int batch = trainer.minibatchSize;
        long batchesPerEpoch = (train.length + batch - 1) / batch;
        LearningRateSchedule schedule = new LearningRateSchedule(trainer.decay, trainer.warmupSteps,
                trainer.epochs * batchesPerEpoch);
        OptimiserStep optimiserStep = OptimiserStep.of(optimiser, network, trainer.l2,
                OptimiserStep.columns(data.getFeatureIDMap(), trainer.unpenalised), engine);
        EarlyStopping stopping = new EarlyStopping(validation.length > 0 ? trainer.patience : 0);
        Set<Long> snapshotSteps = Arrays.stream(trainer.snapshotSteps).mapToObj(s -> (long) s)
                .collect(Collectors.toSet());
        long start = System.nanoTime();
        long step = 0;
        snapshotIf(snapshotSteps.contains(0L), 0, 0);
        TrainableNetwork lastGood = network.copy();
        int lastGoodEpoch = 0;
        for (int epoch = 1; epoch <= trainer.epochs; epoch++) {
            long epochStart = System.nanoTime();
            ValidationSplit.shuffle(train, rng);
            double loss = 0.0;
            double correct = 0.0;
            long pairs = 0;
            for (int from = 0; from < train.length; from += batch) {
                GroupGradients.Result result = engine.batch(train, from, Math.min(train.length, from + batch));
                if (!Double.isFinite(result.loss())) {
                    throw diverged(epoch, step, "the loss is " + result.loss(), lastGood, lastGoodEpoch, head);
                }
                OptimiserStep.Update update = optimiserStep.step(result);
                double multiplier = schedule.multiplier(step);
                if (multiplier != 1.0) {
                    Tensors.scale(update.tensors(), multiplier, update.rows());
                }
                network.update(update.tensors(), update.rows());
                step++;
                if (!network.isFinite(update.rows())) {
                    throw diverged(epoch, step, "a weight became NaN or infinite", lastGood, lastGoodEpoch, head);
                }
                loss += result.loss();
                correct += result.correct();
                pairs += result.pairs();
                snapshotIf(snapshotSteps.contains(step), step, epoch);
            }
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            if (validation.length > 0) {
                GroupGradients.Result v = engine.evaluate(validation);
                validationLoss = v.loss() / validation.length;
                validationAccuracy = v.correct() / v.pairs();
            }
            EpochRecord record = new EpochRecord(epoch, step, loss / train.length, correct / pairs, validationLoss,
                    validationAccuracy, (System.nanoTime() - start) / 1e9);
            epochs.add(record);
            double groupsPerSecond = train.length / ((System.nanoTime() - epochStart) / 1e9);
            TrainingProgress.line(() -> TrainingProgress.epoch(record, trainer.epochs, groupsPerSecond));
            lastGood = network.copy();
            lastGoodEpoch = epoch;
            if (stopping.stopAfter(epoch, validationLoss, network)) {
                break;
            }
        }
        // Optimisers that keep state beyond the weights (Tribuo's ParameterAveraging) write their result now.
        optimiser.finalise();
        int keptEpoch = stopping.restoreBest(network, epochs.size());
        boolean finalTaken = !snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).step() == step
                && !stopping.keptEarlierWeights();
        snapshotIf(!snapshotSteps.isEmpty() && !finalTaken, step, epochs.size());
        String reason = stopping.stopReason(trainer.epochs);
        TrainingProgress.line(() -> reason);
        return model(head, reason, keptEpoch);
    }

    private RewardModel model(RewardHead head, String stopReason, int keptEpoch) {
        penalty.finish(network.get());
        List<double[]> rewards = new ArrayList<>(split.train().length);
        for (int g : split.train()) {
            rewards.add(engine.rewards(groups.groups().get(g)));
        }
        RewardHead trained = RewardStatistics.of(head, trainer.normalizeRewards, rewards);
        TrainingHistory history = new TrainingHistory(epochs, snapshots, stopReason, keptEpoch,
                assignment.description());
        ModelProvenance provenance = new ModelProvenance(trainer.modelClass.getName(), OffsetDateTime.now(),
                data.getProvenance(), trainerProvenance, runProvenance);
        return trainer.modelFactory.apply(new RewardModel.Parts(RewardModel.defaultName(trainer.modelClass), provenance,
                data.getFeatureIDMap(), data.getOutputIDInfo(), network.freeze(), trained, assignment.byType(), history));
    }

    private TrainingDivergedException diverged(int epoch, long step, String what, TrainableNetwork lastGood,
                                               int lastGoodEpoch, RewardHead head) {
        network.set(lastGood.get());
        String message = String.format(Locale.ROOT, "training diverged in epoch %d at step %d: %s; lower the "
                + "learning rate (optimiser %s) or add l2; the model from %s is kept", epoch, step, what, optimiser,
                lastGoodEpoch == 0 ? "initialisation" : "the end of epoch " + lastGoodEpoch);
        RewardModel kept;
        try {
            kept = model(head, message, lastGoodEpoch);
        } catch (IllegalArgumentException e) {
            kept = null;
        }
        return new TrainingDivergedException(message, kept);
    }

    /** Refuses scores whose differences, times the margin, overflow (training would diverge at once). */
    private static void requireFiniteMargin(double margin, RankingGroup group) {
        if (margin == 0.0) {
            return;
        }
        double[] scores = group.scores();
        double max = Arrays.stream(scores).max().orElse(0);
        double min = Arrays.stream(scores).min().orElse(0);
        if (!Double.isFinite(margin * (max - min))) {
            throw new IllegalArgumentException("prompt '" + group.promptId() + "': with margin " + margin
                    + " its scores " + max + " and " + min + " give a margin beyond a double's range; rescale the "
                    + "scores or lower the margin");
        }
    }

    private void warnIfUnbounded(RankingObjective objective) {
        if (objective.bounded() || trainer.l2 > 0.0 || TrainingProgress.isQuiet()) {
            return;
        }
        Set<String> unbounded = assignment.unboundedAbove();
        if (!unbounded.isEmpty()) {
            logger.warning(() -> "utility " + String.join(", ", unbounded) + " grows without bound and the rewards are "
                    + "unbounded, so the objective has no maximum and the rewards grow for as long as training runs; "
                    + "use bounded rewards (the paper's setting) or an L2 penalty");
        }
    }

    private void snapshotIf(boolean wanted, long step, int epoch) {
        if (!wanted) {
            return;
        }
        List<GroupRewards> rewards = new ArrayList<>(split.snapshots().length);
        for (int g : split.snapshots()) {
            RankingGroup group = groups.groups().get(g);
            rewards.add(new GroupRewards(group.promptId(), group.promptType().orElse(null), group.scores(),
                    engine.rewards(group)));
        }
        snapshots.add(new RewardSnapshot(step, epoch, rewards));
    }
}
