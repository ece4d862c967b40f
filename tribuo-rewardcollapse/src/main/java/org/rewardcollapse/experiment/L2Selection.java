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
package org.rewardcollapse.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.rewardcollapse.data.GroupSplitter;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.eval.RankingEvaluator;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.rewardcollapse.train.TrainingProgress;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Chooses a reward trainer's L2 penalty by k-fold cross-validation over the training prompt groups: each candidate
 * trains on k-1 folds and is judged by pooled pairwise accuracy on the held-out fold; the best mean wins (on a tie,
 * the larger penalty). Epochs are chosen inside each training by the trainer's own early stopping on validation
 * groups, so the table also reports the epochs each candidate kept.
 */
public final class L2Selection {
    /**
     * The L2 penalties {@code --l2 auto} chooses from with {@code --solver newton} ({@code train}'s and
     * {@code spark-train}'s): its objective sums the pairs and stops at the optimum, so it needs penalties thousands of
     * times larger than early-stopped gradient steps (chosen on AlpacaEval, OpenAssistant and HH-RLHF: 0.3 to 1000).
     */
    public static final List<Double> NEWTON_CANDIDATES = List.of(0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0);
    private static final Logger progress = Logger.getLogger(RankingRewardTrainer.PROGRESS_LOGGER);
    private static final Logger logger = Logger.getLogger(L2Selection.class.getName());

    /**
     * One candidate's cross-validated result.
     *
     * @param l2 The penalty.
     * @param meanAccuracy Mean held-out pairwise accuracy over the folds.
     * @param sdAccuracy Its standard deviation over the folds.
     * @param meanEpochs Mean epoch the trainings kept.
     */
    public record Candidate(double l2, double meanAccuracy, double sdAccuracy, double meanEpochs) {}

    /**
     * What the selection found.
     *
     * @param chosen The chosen penalty.
     * @param folds The number of folds.
     * @param candidates Every candidate's result, in the order tried.
     */
    public record Result(double chosen, int folds, List<Candidate> candidates) {
        /**
         * The table for logs and the command line.
         * @return One header line and one line per candidate, the chosen one marked.
         */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "l2 chosen by %d-fold cross-validation over prompt groups (held-out pairwise accuracy):%n", folds));
            sb.append(String.format(Locale.ROOT, "  %-10s %-10s %-8s %s%n", "l2", "accuracy", "sd", "epochs kept"));
            for (Candidate c : candidates) {
                sb.append(String.format(Locale.ROOT, "  %-10s %-10.4f %-8.4f %.1f%s%n", format(c.l2()),
                        c.meanAccuracy(), c.sdAccuracy(), c.meanEpochs(), c.l2() == chosen ? "   <- chosen" : ""));
            }
            return sb.toString();
        }

        /**
         * The result as the {@code model_selection} section of {@code metrics.json}.
         * @return The JSON.
         */
        public ObjectNode toJson() {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("parameter", "l2");
            json.put("folds", folds);
            json.put("chosen", chosen);
            ArrayNode rows = json.putArray("candidates");
            for (Candidate c : candidates) {
                ObjectNode row = rows.addObject();
                row.put("l2", c.l2());
                row.put("pairwise_accuracy", c.meanAccuracy());
                row.put("pairwise_accuracy_sd", c.sdAccuracy());
                row.put("epochs_kept", c.meanEpochs());
            }
            return json;
        }
    }

    /**
     * Where a candidate's folds are trained: on this JVM, one after another ({@link #LOCAL}, what
     * {@link #select(Trainer, Dataset, List, int, long, String, String)} uses) or elsewhere, all K together (a Spark
     * cluster, in {@code org.rewardcollapse.spark.SparkNewtonTraining}); the folds, candidates, held-out evaluation and
     * choice stay the selection's.
     */
    @FunctionalInterface
    public interface FoldTraining {
        /**
         * Trains one candidate on every fold's training groups.
         * @param candidates The trainer with the candidate penalty, one per fold (for a linear trainer with a length
         *                   weight, weight 1).
         * @param foldTrains Each fold's training groups, in fold order.
         * @return The models, in fold order.
         */
        List<Model<Regressor>> train(List<Trainer<Regressor>> candidates, List<Dataset<Regressor>> foldTrains);

        /**
         * Each fold's held-out pooled pairwise accuracy (ties 1/2) of the models {@link #train} just returned, where
         * that is computed where the folds trained; empty (the default) when the selection is to evaluate each model
         * on its held-out fold on this JVM.
         * @param models The models, in fold order.
         * @return The accuracies, in fold order, or empty.
         */
        default Optional<double[]> heldOutAccuracy(List<Model<Regressor>> models) {
            return Optional.empty();
        }
    }

    /** Each fold trained on this JVM in turn. */
    public static final FoldTraining LOCAL = (candidates, foldTrains) -> {
        List<Model<Regressor>> models = new ArrayList<>(foldTrains.size());
        for (int k = 0; k < foldTrains.size(); k++) {
            models.add(candidates.get(k).train(foldTrains.get(k)));
        }
        return models;
    };

    private L2Selection() {}

    /**
     * Runs the selection.
     * @param ensembleOrSingle The trainer (a {@link RankingRewardTrainer}, configurable, so variants are rebuilt from it,
     *                         or an {@link EnsembleRewardTrainer}, whose member trainer the selection runs).
     * @param train The training data.
     * @param candidates The penalties to try (at least one; tried in increasing order).
     * @param folds The number of folds, at least 2.
     * @param seed The seed of the fold split.
     * @param promptIdKey The prompt-id metadata key.
     * @param promptTypeKey The prompt-type metadata key.
     * @return The result.
     * @throws IllegalArgumentException If the trainer is not a reward trainer or the data has too few groups.
     */
    public static Result select(Trainer<Regressor> ensembleOrSingle, Dataset<Regressor> train, List<Double> candidates,
                                int folds, long seed, String promptIdKey, String promptTypeKey) {
        return select(ensembleOrSingle, train, candidates, folds, seed, promptIdKey, promptTypeKey, LOCAL);
    }

    /**
     * Runs the selection, each fold's candidate trained where {@code training} trains it: the same folds, candidates,
     * held-out evaluation (on this JVM) and choice as {@link #select(Trainer, Dataset, List, int, long, String,
     * String)}.
     * @param ensembleOrSingle The trainer, as there.
     * @param train The training data.
     * @param candidates The penalties to try (at least one; tried in increasing order).
     * @param folds The number of folds, at least 2.
     * @param seed The seed of the fold split.
     * @param promptIdKey The prompt-id metadata key.
     * @param promptTypeKey The prompt-type metadata key.
     * @param training Trains a candidate on a fold's training groups.
     * @return The result.
     * @throws IllegalArgumentException If the trainer is not a reward trainer or the data has too few groups.
     */
    public static Result select(Trainer<Regressor> ensembleOrSingle, Dataset<Regressor> train, List<Double> candidates,
                                int folds, long seed, String promptIdKey, String promptTypeKey, FoldTraining training) {
        // An ensemble's penalty is chosen on one member: its members share the trainer.
        Trainer<Regressor> trainer = ensembleOrSingle instanceof EnsembleRewardTrainer ensemble ? ensemble.member()
                : ensembleOrSingle;
        if (!(trainer instanceof RankingRewardTrainer)) {
            throw new IllegalArgumentException("l2Candidates needs a ranking reward trainer, found "
                    + trainer.getClass().getSimpleName());
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("l2Candidates is empty");
        }
        warnIfNoMaximum((RankingRewardTrainer) trainer, train, candidates, promptIdKey, promptTypeKey);
        List<GroupSplitter.Split<Regressor>> splits = GroupSplitter.kFold(train, folds, seed, promptIdKey);
        RankingEvaluator evaluator = new RankingEvaluator(promptIdKey, promptTypeKey, 10);
        List<Candidate> results = new ArrayList<>();
        Candidate best = null;
        for (double l2 : candidates.stream().sorted().distinct().toList()) {
            SummaryStatistics accuracy = new SummaryStatistics();
            SummaryStatistics epochs = new SummaryStatistics();
            List<Trainer<Regressor>> variants = new ArrayList<>(splits.size());
            for (int k = 0; k < splits.size(); k++) {
                variants.add(candidate(trainer, l2));
            }
            List<Dataset<Regressor>> foldTrains = splits.stream()
                    .<Dataset<Regressor>>map(GroupSplitter.Split::train).toList();
            List<Model<Regressor>> models = TrainingProgress.quietly(() -> training.train(variants, foldTrains));
            Optional<double[]> heldOut = training.heldOutAccuracy(models);
            for (int k = 0; k < splits.size(); k++) {
                Model<Regressor> model = models.get(k);
                accuracy.addValue(heldOut.isPresent() ? heldOut.get()[k]
                        : evaluator.evaluate(model, splits.get(k).test()).report().overall().pairwiseAccuracy());
                if (model instanceof RewardModel reward) {
                    epochs.addValue(reward.history().bestEpoch());
                }
            }
            Candidate candidate = new Candidate(l2, accuracy.getMean(), accuracy.getStandardDeviation(),
                    epochs.getN() == 0 ? Double.NaN : epochs.getMean());
            results.add(candidate);
            progress.info(String.format(Locale.ROOT, "l2 %s: held-out pairwise accuracy %.4f (sd %.4f over %d folds)",
                    format(l2), candidate.meanAccuracy(), candidate.sdAccuracy(), folds));
            if (best == null || candidate.meanAccuracy() >= best.meanAccuracy()) {
                best = candidate;
            }
        }
        return new Result(best.l2(), folds, results);
    }

    /**
     * Warns when a candidate penalty of 0 leaves the objective without a maximum (a utility that grows without bound
     * on unbounded rewards): the folds then train until early stopping keeps an early epoch of a diverging run, and the
     * table shows it only as identical rows.
     */
    private static void warnIfNoMaximum(RankingRewardTrainer trainer, Dataset<Regressor> train, List<Double> candidates,
                                        String promptIdKey, String promptTypeKey) {
        if (trainer.objective().bounded() || !candidates.contains(0.0)) {
            return;
        }
        java.util.Set<String> unbounded = trainer.objective().policy().assign(RankingGroups.of(train.getData(),
                promptIdKey, promptTypeKey), train.getData()).unboundedAbove();
        if (!unbounded.isEmpty()) {
            logger.warning("the L2 candidate 0 leaves utility " + String.join(", ", unbounded) + " on unbounded "
                    + "rewards without a maximum (the rewards grow for as long as training runs, and early stopping "
                    + "keeps an early epoch); use --bounded (the paper's setting) or only positive --l2 values");
        }
    }

    /**
     * The trainer with another L2 penalty, rebuilt from its configuration.
     * @param trainer The trainer.
     * @param l2 The penalty.
     * @return A new trainer.
     */
    public static Trainer<Regressor> withL2(Trainer<Regressor> trainer, double l2) {
        if (trainer instanceof EnsembleRewardTrainer ensemble) {
            return ensemble.withMember((RankingRewardTrainer) withL2(ensemble.member(), l2));
        }
        return RecordedTraining.rebuild(trainer.getProvenance(), Trainer.class, Map.of("l2", Double.toString(l2)));
    }

    /**
     * A candidate of the selection: the trainer with another L2 penalty and, for a linear trainer with a length weight,
     * the weight 1, so that the penalty is chosen for the model the labels teach (the length weight then scales the
     * chosen model's length weights; chosen with the weight applied, the penalty rises to hold the other weights back
     * too: on AlpacaEval at weight 0.65, the same accuracy, 0.747, but 0.402 against 0.425 on the pairs whose better
     * answer is the shorter).
     */
    private static Trainer<Regressor> candidate(Trainer<Regressor> trainer, double l2) {
        if (trainer instanceof LinearRewardTrainer linear && linear.lengthWeight() != 1.0) {
            return RecordedTraining.rebuild(trainer.getProvenance(), Trainer.class, Map.of("l2", Double.toString(l2),
                    "lengthWeight", "1.0"));
        }
        return withL2(trainer, l2);
    }

    private static String format(double l2) {
        return new java.math.BigDecimal(Double.toString(l2)).stripTrailingZeros().toPlainString();
    }
}
