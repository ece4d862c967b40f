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
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.RewardHead;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.model.TrainingHistory.EpochRecord;
import org.rewardcollapse.model.TrainingHistory.RewardSnapshot;
import org.rewardcollapse.model.TrainingHistory;
import org.rewardcollapse.policy.UtilityAssignment;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One training run of a {@link RankingRewardTrainer}: grouping, utility assignment, the epoch loop with
 * minibatches of whole groups, validation and early stopping, snapshots, the reward statistics and the model.
 */
final class TrainingRun {
    private static final Logger logger = Logger.getLogger(TrainingRun.class.getName());
    private static final Logger progress = Logger.getLogger(RankingRewardTrainer.PROGRESS_LOGGER);
    /** Model selection trains many times: the lazy-Adam-with-L2 warning is given once per process. */
    private static final java.util.concurrent.atomic.AtomicBoolean LAZY_WITH_L2_WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

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
    private boolean[] unpenalised;
    private GroupGradients engine;
    private LengthDecorrelation decorrelation;
    private int[] trainGroups;
    private int[] snapshotGroups;

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
        RankingObjective objective = trainer.objective();
        for (RankingGroup group : groups) {
            objective.pairWeighting().requireUsable(group.promptId(), group.scores());
        }
        SparseFeatures[] features = features(examples);
        if (objective.lengthDecorrelation() > 0.0) {
            if (trainer.hiddenSizes().length > 0) {
                throw new IllegalArgumentException("lengthDecorrelation needs a linear model: its length head is the "
                        + "length features' weights, which an MLP's hidden layer mixes with the rest");
            }
            decorrelation = LengthDecorrelation.of(objective.lengthDecorrelation(), examples, features,
                    data.getFeatureIDMap());
        }
        assignment = objective.policy().assign(groups, examples);
        requireTrainable(assignment);
        warnIfUnbounded(assignment, objective);
        progress(() -> "utilities: " + assignment.description() + "; groups per utility: "
                + assignment.counts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        if (optimiser instanceof Adam adam && adam.updatesTouchedRowsOnly() && trainer.l2 > 0.0
                && !LAZY_WITH_L2_WARNED.getAndSet(true)) {
            logger.warning(() -> "lazy Adam updates every row here: L2 " + trainer.l2 + " changes every weight at "
                    + "each step, so the step is exact Adam (set L2 to 0 for the lazy update)");
        }
        int[] validationGroups = splitGroups();
        unpenalised = unpenalisedInputs(data.getFeatureIDMap());
        network = new TrainableNetwork(data.getFeatureIDMap().size(), trainer.hiddenSizes(), trainer.activation(),
                meanActiveFeatures(features), rng);
        RewardHead head = RewardHead.untrained(objective.bounded());
        optimiser.initialise(network);
        try (GroupGradients gradients = new GroupGradients(network, head, objective.loss(), features, groups.groups(),
                assignment, trainer.numThreads, decorrelation)) {
            engine = gradients;
            return loop(validationGroups, head);
        } finally {
            optimiser.reset();
        }
    }

    private RewardModel loop(int[] validationGroups, RewardHead head) {
        int batch = trainer.minibatchSize;
        long batchesPerEpoch = (trainGroups.length + batch - 1) / batch;
        LearningRateSchedule schedule = trainer.schedule(trainer.epochs() * batchesPerEpoch);
        Set<Long> snapshotSteps = new HashSet<>();
        Arrays.stream(trainer.snapshotSteps).forEach(s -> snapshotSteps.add((long) s));
        long start = System.nanoTime();
        long step = 0;
        snapshotIf(snapshotSteps.contains(0L), 0, 0);
        TrainableNetwork lastGood = network.copy();
        int lastGoodEpoch = 0;
        TrainableNetwork best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        String stopReason = "completed " + trainer.epochs() + " epochs";
        for (int epoch = 1; epoch <= trainer.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            shuffle(trainGroups);
            double loss = 0.0;
            double correct = 0.0;
            long pairs = 0;
            for (int from = 0; from < trainGroups.length; from += batch) {
                GroupGradients.Result result = engine.batch(trainGroups, from, Math.min(trainGroups.length, from + batch));
                if (!Double.isFinite(result.loss())) {
                    throw diverged(epoch, step, "the loss is " + result.loss(), lastGood, lastGoodEpoch, head);
                }
                if (trainer.l2 > 0.0) {
                    network.addL2Gradient(result.gradient(), trainer.l2, unpenalised);
                }
                // Lazy Adam visits only the first-layer rows the minibatch touched; anything else writes every row.
                TouchedRows rows = optimiser instanceof Adam adam && adam.updatesTouchedRowsOnly()
                        && trainer.l2 == 0.0 ? result.touched() : null;
                Tensor[] update = rows != null ? ((Adam) optimiser).step(result.gradient(), 1.0, rows)
                        : optimiser.step(result.gradient(), 1.0);
                if (rows == null) {
                    engine.writtenEverywhere();
                }
                double multiplier = schedule.multiplier(step);
                if (multiplier != 1.0) {
                    TrainableNetwork.scale(update, multiplier, rows);
                }
                network.update(update, rows);
                step++;
                if (!network.isFinite(rows)) {
                    throw diverged(epoch, step, "a weight became NaN or infinite", lastGood, lastGoodEpoch, head);
                }
                loss += result.loss();
                correct += result.correct();
                pairs += result.pairs();
                snapshotIf(snapshotSteps.contains(step), step, epoch);
            }
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            if (validationGroups.length > 0) {
                GroupGradients.Result v = engine.evaluate(validationGroups);
                validationLoss = v.loss() / validationGroups.length;
                validationAccuracy = v.correct() / v.pairs();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochRecord record = new EpochRecord(epoch, step, loss / trainGroups.length, correct / pairs,
                    validationLoss, validationAccuracy, seconds);
            epochs.add(record);
            double groupsPerSecond = trainGroups.length / ((System.nanoTime() - epochStart) / 1e9);
            progress(() -> describe(record, groupsPerSecond));
            lastGood = network.copy();
            lastGoodEpoch = epoch;
            if (validationGroups.length > 0 && trainer.patience > 0) {
                if (validationLoss < bestLoss) {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    best = network.copy();
                } else if (epoch - bestEpoch >= trainer.patience) {
                    stopReason = String.format(Locale.ROOT, "early stopping after epoch %d: validation loss did not "
                            + "improve for %d epochs; kept epoch %d (validation loss %.6g)", epoch,
                            trainer.patience, bestEpoch, bestLoss);
                    break;
                }
            }
        }
        // Optimisers that keep state beyond the weights (Tribuo's ParameterAveraging) write their result now.
        optimiser.finalise();
        int keptEpoch = epochs.size();
        if (best != null) {
            network.set(best.get());
            keptEpoch = bestEpoch;
            if (stopReason.startsWith("completed")) {
                stopReason += String.format(Locale.ROOT, "; kept epoch %d (validation loss %.6g)", bestEpoch, bestLoss);
            }
        }
        boolean finalTaken = !snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).step() == step && best == null;
        snapshotIf(!snapshotSteps.isEmpty() && !finalTaken, step, epochs.size());
        String reason = stopReason;
        progress(() -> reason);
        return model(head, stopReason, keptEpoch);
    }

    private RewardModel model(RewardHead head, String stopReason, int keptEpoch) {
        if (decorrelation != null) {
            decorrelation.removeLengthHead(network.get());
            progress(() -> "length head removed: the model scores with the quality head alone");
        }
        RewardHead trained = withStatistics(head);
        TrainingHistory history = new TrainingHistory(epochs, snapshots, stopReason, keptEpoch,
                assignment.description());
        ModelProvenance provenance = new ModelProvenance(trainer.modelClass().getName(), OffsetDateTime.now(),
                data.getProvenance(), trainerProvenance, runProvenance);
        return trainer.createModel(new RewardModel.Parts(RewardModel.defaultName(trainer.modelClass()), provenance,
                data.getFeatureIDMap(), data.getOutputIDInfo(), network.freeze(), trained, assignment.byType(), history));
    }

    /**
     * The head with the mean and standard deviation of the training rewards, computed on rewards scaled by their
     * largest magnitude so that huge (but finite) rewards do not overflow the second moment.
     */
    private RewardHead withStatistics(RewardHead head) {
        List<double[]> rewards = new ArrayList<>(trainGroups.length);
        double scale = 0.0;
        for (int g : trainGroups) {
            double[] r = engine.rewards(groups.groups().get(g));
            rewards.add(r);
            for (double v : r) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        if (scale == 0.0 || !Double.isFinite(scale)) {
            scale = 1.0;
        }
        SummaryStatistics statistics = new SummaryStatistics();
        for (double[] r : rewards) {
            for (double v : r) {
                statistics.addValue(v / scale);
            }
        }
        return head.withStatistics(trainer.normalizeRewards, statistics.getMean() * scale,
                statistics.getStandardDeviation() * scale);
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

    private SparseFeatures[] features(List<Example<Regressor>> examples) {
        ImmutableFeatureMap featureMap = data.getFeatureIDMap();
        SparseFeatures[] features = new SparseFeatures[examples.size()];
        for (RankingGroup group : groups) {
            for (int k = 0; k < group.size(); k++) {
                int index = group.exampleIndex(k);
                try {
                    features[index] = SparseFeatures.of(examples.get(index), featureMap);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("example " + index + " (prompt '" + group.promptId() + "'): "
                            + e.getMessage(), e);
                }
            }
        }
        return features;
    }

    private void requireTrainable(UtilityAssignment assignment) {
        for (int g = 0; g < groups.size(); g++) {
            Utility u = assignment.utility(g);
            if (!Utilities.isTrainable(u)) {
                throw new IllegalArgumentException("utility '" + u.spec() + "' is undefined for mis-ordered pairs; "
                        + "training needs the shifted form, e.g. " + u.spec() + ",eps=" + Utilities.TRAINING_EPS);
            }
        }
    }

    /** A progress line, unless this thread trains quietly ({@link RankingRewardTrainer#quietly}). */
    private static void progress(java.util.function.Supplier<String> line) {
        if (!RankingRewardTrainer.isQuiet()) {
            progress.info(line);
        }
    }

    /** Which input columns the trainer's {@code unpenalised} names or prefixes select. */
    private boolean[] unpenalisedInputs(ImmutableFeatureMap featureMap) {
        boolean[] exempt = new boolean[featureMap.size()];
        for (int i = 0; i < exempt.length; i++) {
            String name = featureMap.get(i).getName();
            for (String pattern : trainer.unpenalised) {
                if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                        : name.equals(pattern)) {
                    exempt[i] = true;
                }
            }
        }
        return exempt;
    }

    private void warnIfUnbounded(UtilityAssignment assignment, RankingObjective objective) {
        if (objective.bounded() || trainer.l2 > 0.0 || RankingRewardTrainer.isQuiet()) {
            return;
        }
        Set<String> unbounded = new TreeSet<>();
        for (int g = 0; g < groups.size(); g++) {
            if (!assignment.utility(g).boundedAbove()) {
                unbounded.add(assignment.utility(g).spec());
            }
        }
        if (!unbounded.isEmpty()) {
            logger.warning(() -> "utility " + String.join(", ", unbounded) + " grows without bound and the rewards are "
                    + "unbounded, so the objective has no maximum and the rewards grow for as long as training runs; "
                    + "use bounded rewards (the paper's setting) or an L2 penalty");
        }
    }

    private int[] splitGroups() {
        int[] order = shuffle(IntStream.range(0, groups.size()).toArray());
        int numValidation = 0;
        if (trainer.validationFraction > 0.0) {
            if (groups.size() < 2) {
                throw new IllegalArgumentException("validationFraction needs at least 2 prompt groups, found "
                        + groups.size());
            }
            numValidation = (int) Math.max(1, Math.min(groups.size() - 1,
                    Math.round(trainer.validationFraction * groups.size())));
        }
        int[] validation = Arrays.copyOfRange(order, 0, numValidation);
        trainGroups = Arrays.copyOfRange(order, numValidation, order.length);
        if (numValidation > 0) {
            int[][] split = keepCopiesTogether(validation, trainGroups);
            validation = split[0];
            trainGroups = split[1];
        }
        Arrays.sort(validation);
        Arrays.sort(trainGroups);
        int[] pool = validation.length > 0 ? validation.clone() : trainGroups.clone();
        shuffle(pool);
        snapshotGroups = Arrays.copyOf(pool, Math.min(pool.length, trainer.snapshotGroups));
        Arrays.sort(snapshotGroups);
        return validation;
    }

    /**
     * Moves to validation every training group that is a bootstrap copy of a prompt with a copy in validation, so
     * that no prompt is both trained on and validated on; data without bootstrap copies is left as it is.
     */
    private int[][] keepCopiesTogether(int[] validation, int[] train) {
        List<Example<Regressor>> examples = data.getData();
        java.util.function.IntFunction<String> source = g -> examples.get(groups.groups().get(g).exampleIndex(0))
                .getMetadataValue(RankingMetadata.BOOTSTRAP_SOURCE_KEY).map(Object::toString).orElse(null);
        Set<String> validated = new HashSet<>();
        for (int g : validation) {
            String s = source.apply(g);
            if (s != null) {
                validated.add(s);
            }
        }
        if (validated.isEmpty()) {
            return new int[][]{validation, train};
        }
        int[] moved = Arrays.stream(train).filter(g -> validated.contains(source.apply(g))).toArray();
        int[] kept = Arrays.stream(train).filter(g -> !validated.contains(source.apply(g))).toArray();
        if (kept.length == 0) {
            return new int[][]{validation, train};
        }
        return new int[][]{java.util.stream.IntStream.concat(Arrays.stream(validation), Arrays.stream(moved))
                .toArray(), kept};
    }

    private int[] shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
        return values;
    }

    private static double meanActiveFeatures(SparseFeatures[] features) {
        long active = 0;
        long count = 0;
        for (SparseFeatures f : features) {
            if (f != null) {
                active += f.size();
                count++;
            }
        }
        return count == 0 ? 1.0 : active / (double) count;
    }

    private void snapshotIf(boolean wanted, long step, int epoch) {
        if (wanted) {
            snapshots.add(snapshot(step, epoch));
        }
    }

    private RewardSnapshot snapshot(long step, int epoch) {
        List<GroupRewards> rewards = new ArrayList<>(snapshotGroups.length);
        for (int g : snapshotGroups) {
            RankingGroup group = groups.groups().get(g);
            rewards.add(new GroupRewards(group.promptId(), group.promptType().orElse(null), group.scores(),
                    engine.rewards(group)));
        }
        return new RewardSnapshot(step, epoch, rewards);
    }

    private String describe(EpochRecord r, double groupsPerSecond) {
        String validation = Double.isNaN(r.validationLoss()) ? "" : String.format(Locale.ROOT,
                ", validation loss %.6g, validation accuracy %.4f", r.validationLoss(), r.validationAccuracy());
        double left = r.seconds() / r.epoch() * (trainer.epochs - r.epoch());
        return String.format(Locale.ROOT, "epoch %d/%d: loss %.6g, pairwise accuracy %.4f%s, %,.0f groups/s, %.1f s%s",
                r.epoch(), trainer.epochs, r.loss(), r.pairwiseAccuracy(), validation, groupsPerSecond, r.seconds(),
                r.epoch() < trainer.epochs ? String.format(Locale.ROOT, ", about %.0f s left", Math.ceil(left)) : "");
    }
}
