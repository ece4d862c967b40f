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
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.model.RewardHead;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.RewardNetwork;
import org.rewardcollapse.model.TrainingHistory.EpochRecord;
import org.rewardcollapse.model.TrainingHistory;
import org.rewardcollapse.utility.Curvature;
import org.rewardcollapse.utility.Utility;
import org.tribuo.Dataset;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One training run of a {@link LinearRewardTrainer} with {@link LinearSolver#NEWTON}: maximises
 * <pre>
 *   F(w, b) = sum over groups, over ordered pairs of w_ij U_g(r_i - r_j - mu (s_i - s_j))
 *             - c * sum over the same pairs of (r_i + r_j)^2 - (l2 / 2) * |penalised weights|^2,   r = w . x + b
 * </pre>
 * to optimality with {@link NewtonSolver} over {@link NewtonSums} (the groups' {@link RankingLoss}, so exactly what
 * gradient training minimises), from w = 0, and makes the same {@link org.rewardcollapse.model.LinearRewardModel}
 * gradient training makes, with one history record per Newton iteration. With unbounded rewards, utilities concave on
 * the whole line and weights fixed by the labels, F is concave (strictly with l2 &gt; 0), so the optimum is the one
 * maximum; what does not give a concave F with a maximum is refused, naming the setting.
 * <p>
 * With {@code numThreads} &gt; 1 the groups are cut into that many contiguous chunks whose sums are merged in chunk
 * order, so results are bit-identical for a given thread count. With {@link NewtonGroupSums} the groups are summed
 * elsewhere (a cluster's executors) and only the solving and the model are done here.
 */
final class NewtonRun {
    /** The most features: the Hessian is dense, (d + 1)^2 doubles (128 MiB at 4,096) and its factorisation O(d^3). */
    static final int MAX_FEATURES = 4096;
    /** Where a utility's curvature is checked: both signs of differences from 1e-6 to 1e4, and 0. */
    private static final double[] PROBES = {0.0, 1e-6, 1e-3, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1e4};

    private final RankingRewardTrainer trainer;
    private final double lengthWeight;
    private final Dataset<Regressor> data;
    private final TrainerProvenance trainerProvenance;
    private final Map<String, Provenance> runProvenance;
    private final NewtonGroupSums distributed;
    private NewtonGroupSums.Summation remote;
    private TrainingGroups training;
    private RankingLoss loss;
    private boolean[] exempt;

    NewtonRun(RankingRewardTrainer trainer, double lengthWeight, Dataset<Regressor> data,
              TrainerProvenance trainerProvenance, Map<String, Provenance> runProvenance, NewtonGroupSums distributed) {
        this.trainer = trainer;
        this.distributed = distributed;
        this.lengthWeight = lengthWeight;
        this.data = data;
        this.trainerProvenance = trainerProvenance;
        this.runProvenance = runProvenance;
    }

    /**
     * Refuses the settings that Newton training cannot honour (checked when the trainer is configured).
     * @param trainer The trainer.
     * @throws InvalidSettingException Naming the setting.
     */
    static void requireSupported(RankingRewardTrainer trainer) {
        RankingObjective objective = trainer.objective;
        String use = ": use {1} GRADIENT for it";
        require(!objective.bounded(), "bounded", "rewards (a sigmoid of w . x) make the objective non-concave in the "
                + "weights; {1} NEWTON takes unbounded rewards" + use);
        require(objective.pairWeighting() != PairWeighting.LAMBDARANK, "pairWeighting", "LAMBDARANK weights follow the "
                + "rewards, so the objective is not one fixed concave function; {1} NEWTON takes UNIFORM, "
                + "SCORE_DIFFERENCE or GAIN_DIFFERENCE" + use);
        require(objective.lengthDecorrelation() == 0.0, "lengthDecorrelation", objective.lengthDecorrelation()
                + " trains two heads with a correlation penalty, which is not concave" + use);
        String solves = " early stopping, which {1} NEWTON does not do: it solves the objective to optimality; set it "
                + "to 0";
        require(trainer.validationFraction == 0.0, "validationFraction", trainer.validationFraction + " holds out "
                + "groups for" + solves);
        require(trainer.patience == 0, "patience", trainer.patience + " is for" + solves);
        require(trainer.snapshotSteps.length == 0, "snapshotSteps", "are optimiser steps, which {1} NEWTON does not "
                + "take" + use);
    }

    /** Refuses a setting that Newton training cannot honour: the message names it ({0}) and the solver ({1}). */
    private static void require(boolean condition, String setting, String problem) {
        if (!condition) {
            throw InvalidSettingException.naming("{0} " + problem, setting, "solver");
        }
    }

    RewardModel execute() {
        training = TrainingGroups.of(trainer, data);
        int features = data.getFeatureIDMap().size();
        if (features > MAX_FEATURES) {
            throw InvalidSettingException.naming(String.format(Locale.ROOT, "{0} NEWTON keeps a dense Hessian of "
                    + "(features + 1)^2 values: %,d features is more than %,d; use fewer features (a smaller hash "
                    + "dimension) or {0} GRADIENT", features, MAX_FEATURES), "solver");
        }
        exempt = OptimiserStep.columns(data.getFeatureIDMap(), trainer.unpenalised);
        requireMaximum(utilities());
        training.logUtilities();
        loss = trainer.objective.loss();
        List<EpochRecord> records = new ArrayList<>();
        long start = System.nanoTime();
        NewtonSolver.Result result;
        try (NewtonGroupSums.Summation sent = distributed == null ? null
                : distributed.distribute(NewtonGroup.of(training), features, loss)) {
            remote = sent;
            result = new NewtonSolver().maximise(this::sums, new double[features + 1], (iteration, sums, max, step) -> {
                EpochRecord record = new EpochRecord(iteration, iteration, -sums.value() / sums.groups(),
                        sums.correctPairs() / sums.pairs(), Double.NaN, Double.NaN, (System.nanoTime() - start) / 1e9);
                records.add(record);
                TrainingProgress.line(() -> String.format(Locale.ROOT, "Newton iteration %d: loss %.10g, pairwise "
                        + "accuracy %.4f, max |gradient| %.2g, step %s, %.1f s", iteration, record.loss(),
                        record.pairwiseAccuracy(), max, step, record.seconds()));
            });
        } catch (ArithmeticException e) {
            throw new TrainingDivergedException("Newton training failed: " + e.getMessage(), null);
        }
        TrainingProgress.line(result::stopReason);
        double[][] weights = new double[features + 1][];
        boolean[] length = OptimiserStep.columns(data.getFeatureIDMap(), List.of(ResponseFeaturizer.LENGTH_PREFIX + "*"));
        for (int k = 0; k <= features; k++) {
            weights[k] = new double[]{result.point()[k] * (k < features && length[k] ? lengthWeight : 1.0)};
        }
        RewardNetwork network = new RewardNetwork(new double[][][]{weights}, trainer.activation());
        List<double[]> rewards = new ArrayList<>(training.groups().size());
        for (RankingGroup group : training.groups()) {
            double[] r = new double[group.size()];
            for (int k = 0; k < r.length; k++) {
                r[k] = network.logit(training.features()[group.exampleIndex(k)]);
            }
            rewards.add(r);
        }
        TrainingHistory history = new TrainingHistory(records, List.of(), result.stopReason(), result.iterations(),
                training.assignment().description());
        RewardHead head = RewardStatistics.of(RewardHead.untrained(false), trainer.normalizeRewards, rewards);
        return trainer.model(data, network, head, training.assignment().byType(), history, trainerProvenance,
                runProvenance);
    }

    /**
     * F at a point: the groups summed elsewhere, or here in contiguous chunks, one per thread, merged in chunk order;
     * then the L2 penalty.
     */
    private NewtonSums sums(double[] point, boolean curvature) {
        if (remote != null) {
            NewtonSums total = remote.at(point, curvature);
            if (total.groups() != training.groups().size() || total.dimension() != point.length
                    || total.hasCurvature() != curvature) {
                throw new IllegalStateException("the distributed sums cover " + total.groups() + " of "
                        + training.groups().size() + " groups over " + total.dimension() + " of " + point.length
                        + " values" + (curvature ? ", with curvature" : ""));
            }
            total.penalise(trainer.l2, exempt, point);
            return total;
        }
        List<RankingGroup> groups = training.groups().groups();
        int chunks = Math.max(1, Math.min(trainer.numThreads, groups.size()));
        int features = point.length - 1;
        List<NewtonSums> parts = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            NewtonSums part = new NewtonSums(features, curvature);
            for (int g = bound(groups.size(), chunks, c); g < bound(groups.size(), chunks, c + 1); g++) {
                part.add(groups.get(g), training.assignment().utility(g), loss, training.features(), point);
            }
            return part;
        }).toList();
        NewtonSums total = parts.get(0);
        for (int c = 1; c < chunks; c++) {
            total.merge(parts.get(c));
        }
        total.penalise(trainer.l2, exempt, point);
        return total;
    }

    private static int bound(int size, int chunks, int c) {
        return (int) ((long) size * c / chunks);
    }

    private Set<Utility> utilities() {
        Set<Utility> used = new LinkedHashSet<>();
        for (int g = 0; g < training.groups().size(); g++) {
            used.add(training.assignment().utility(g));
        }
        return used;
    }

    /** Refuses a utility that is convex somewhere, or an objective that grows without bound. */
    private void requireMaximum(Set<Utility> utilities) {
        for (Utility u : utilities) {
            double convexAt = Double.NaN;
            for (double probe : PROBES) {
                for (double x : new double[]{-probe, probe}) {
                    if (Double.isNaN(convexAt) && u.secondDerivative(x) > 0.0) {
                        convexAt = x;
                    }
                }
            }
            if (u.curvature() == Curvature.CONVEX || !Double.isNaN(convexAt)) {
                throw InvalidSettingException.naming("utility '" + u.spec() + "' is convex" + (Double.isNaN(convexAt)
                        ? "" : " (U''(" + convexAt + ") = " + u.secondDerivative(convexAt) + " > 0)") + ", so the "
                        + "objective is not concave: {0} NEWTON needs a concave utility; use {0} GRADIENT or another "
                        + "{1}", "solver", "policy");
            }
            require(u.boundedAbove() || trainer.l2 > 0.0, "l2", "must be > 0 with {1} NEWTON and utility '" + u.spec()
                    + "', which grows without bound: with l2 = 0 the objective has no maximum");
            require(u.curvature() != Curvature.LINEAR || IntStream.range(0, exempt.length).noneMatch(k -> exempt[k]),
                    "unpenalised", "must select no feature with {1} NEWTON and utility '" + u.spec() + "': U has no "
                            + "curvature, so without L2 on a feature's weight the objective grows without bound "
                            + "along it");
        }
    }
}
