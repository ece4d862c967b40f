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
package org.rewardcollapse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.rewardcollapse.data.GroupSplitter;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.source.LetorSource;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.PairWeighting;
import org.rewardcollapse.train.RankingObjective;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.rewardcollapse.train.RankingRewardTrainerBuilder;
import org.rewardcollapse.train.TrainingProgress;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Learning to rank on the LETOR files under one protocol for every ranker: XGBoost4J {@code rank:pairwise} and
 * {@code rank:ndcg}, LightGBM {@code lambdarank}, Tribuo's pointwise {@code LinearSGDTrainer}, and this project's
 * linear and MLP models. Each gets a grid of 8 settings, chosen by 5-fold cross-validation over the training file's
 * queries (mean NDCG@10), and is then judged (a) on the fixed test file and (b) by 3 repeats of 5-fold
 * cross-validation over all 251 queries (the same folds for every ranker), with a paired comparison per fold of our
 * models against the best peer: a "beats" needs the mean difference to exceed twice its standard error. Every model is
 * judged by the same {@link RankingReport}; every ranker uses 2 threads. With {@code -Dltr.variants=true} three levers
 * on the MLP join, each tuned over the same 8 settings: 60 epochs instead of 30, 128 units instead of 64, and an
 * ensemble of two members (different seeds).
 */
public final class LearningToRankBenchmark {
    private static final int THREADS = 2;
    private static final int FOLDS = 5;
    private static final int REPEATS = 3;

    private LearningToRankBenchmark() {}

    /** A ranker with one setting: trains on a dataset and scores another. */
    private interface Ranker {
        double[] trainAndScore(Dataset<Regressor> train, Dataset<Regressor> test, Map<String, Object> setting)
                throws Exception;
    }

    /** A ranker and the grid of settings it is tuned over. */
    private record Contender(String name, boolean ours, List<Map<String, Object>> grid, Ranker ranker) {}

    /** What one ranker scored on one split. */
    private record Outcome(double ndcg, double pairwise, double seconds) {}

    /**
     * Runs the benchmark.
     * @param args Optional output path (default {@code bench-ltr.json}).
     * @throws Exception If a run fails.
     */
    public static void main(String[] args) throws Exception {
        ObjectNode root = run();
        if (root != null) {
            Measure.write(root, Path.of(args.length > 0 ? args[0] : "bench-ltr.json"));
        }
    }

    /**
     * Runs the benchmark and prints its tables.
     * @return The results, or null when the data files are absent.
     * @throws Exception If a run fails.
     */
    static ObjectNode run() throws Exception {
        Path trainFile = Measure.dataFile("letor_rank.train");
        Path testFile = Measure.dataFile("letor_rank.test");
        if (trainFile == null || testFile == null) {
            return null;
        }
        MutableDataset<Regressor> train = new MutableDataset<>(new LetorSource(trainFile));
        MutableDataset<Regressor> test = new MutableDataset<>(new LetorSource(testFile));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        root.put("data", "LETOR (LightGBM's lambdarank example): train " + train.size() + " rows, test " + test.size()
                + " rows, " + train.getFeatureMap().size() + " features");
        List<Contender> contenders = contenders();
        System.out.printf(Locale.ROOT, "Learning to rank on LETOR: every ranker tuned over 8 settings by 5-fold CV on "
                + "the training queries (%s)%n", root.get("machine").asText());
        System.out.printf(Locale.ROOT, "%-36s %9s %9s %9s   %s%n", "ranker (fixed files)", "NDCG@10", "pairwise",
                "train+score s", "chosen by CV");
        ArrayNode fixed = root.putArray("fixed_files");
        Map<String, Map<String, Object>> chosen = new LinkedHashMap<>();
        for (Contender contender : contenders) {
            Map<String, Object> setting = select(contender, train);
            chosen.put(contender.name(), setting);
            Outcome outcome = outcome(contender, train, test, setting);
            System.out.printf(Locale.ROOT, "%-36s %9.4f %9.4f %9.2f       %s%n", contender.name(), outcome.ndcg(),
                    outcome.pairwise(), outcome.seconds(), setting);
            ObjectNode row = fixed.addObject();
            row.put("ranker", contender.name());
            row.put("chosen", setting.toString());
            row.put("ndcg@10", outcome.ndcg());
            row.put("pairwise_accuracy", outcome.pairwise());
            row.put("train_and_score_seconds", outcome.seconds());
        }
        root.set("repeated_cv", repeatedCrossValidation(contenders, chosen, combined(train, test)));
        return root;
    }

    private static List<Contender> contenders() {
        List<Map<String, Object>> trees = new ArrayList<>();
        List<Map<String, Object>> leaves = new ArrayList<>();
        for (double eta : new double[]{0.1, 0.3}) {
            for (int size : new int[]{4, 6}) {
                for (int rounds : new int[]{100, 300}) {
                    trees.add(Map.of("eta", eta, "max_depth", size, "rounds", rounds));
                    leaves.add(Map.of("learning_rate", eta / 2, "num_leaves", size == 4 ? 15 : 31, "rounds", rounds));
                }
            }
        }
        List<Map<String, Object>> sgd = new ArrayList<>();
        for (double rate : new double[]{0.01, 0.03, 0.1, 0.3}) {
            for (int epochs : new int[]{5, 20}) {
                sgd.add(Map.of("learning_rate", rate, "epochs", epochs));
            }
        }
        List<Map<String, Object>> ours = new ArrayList<>();
        for (String utility : new String[]{"log-sigmoid:1", "inverse,eps=0.1"}) {
            for (PairWeighting weighting : new PairWeighting[]{PairWeighting.UNIFORM, PairWeighting.LAMBDARANK}) {
                for (double l2 : new double[]{0.0, 1e-3}) {
                    ours.add(Map.of("utility", utility, "weighting", weighting, "l2", l2));
                }
            }
        }
        List<Contender> contenders = new ArrayList<>(List.of(
                new Contender("XGBoost4J rank:pairwise", false, trees, (tr, te, s) -> xgboost(tr, te, "rank:pairwise", s)),
                new Contender("XGBoost4J rank:ndcg", false, trees, (tr, te, s) -> xgboost(tr, te, "rank:ndcg", s)),
                new Contender("LightGBM lambdarank", false, leaves, LearningToRankBenchmark::lightgbm),
                new Contender("Tribuo LinearSGDTrainer (pointwise)", false, sgd, (tr, te, s) -> predict(
                        new LinearSGDTrainer(new SquaredLoss(), new AdaGrad((Double) s.get("learning_rate"), 0.1),
                                (Integer) s.get("epochs"), Trainer.DEFAULT_SEED).train(tr), te)),
                new Contender("this project, linear", true, ours, (tr, te, s) -> predict(ours(s, true).train(tr), te)),
                new Contender("this project, MLP 64", true, ours, (tr, te, s) -> predict(ours(s, false).train(tr),
                        te))));
        if (Boolean.getBoolean("ltr.variants")) {
            // Levers on the MLP, each tuned over the same 8 settings: longer training, a wider layer, two members.
            contenders.add(new Contender("this project, MLP 64, 60 epochs", true, ours, (tr, te, s) -> predict(
                    mlp(s, 64, 60).train(tr), te)));
            contenders.add(new Contender("this project, MLP 128", true, ours, (tr, te, s) -> predict(
                    mlp(s, 128, 30).train(tr), te)));
            contenders.add(new Contender("this project, ensemble of 2 MLP 64", true, ours, (tr, te, s) -> predict(
                    new EnsembleRewardTrainer(mlp(s, 64, 30), 2, false, Trainer.DEFAULT_SEED).train(tr), te)));
        }
        return contenders;
    }


    private static RankingRewardTrainer ours(Map<String, Object> setting, boolean linear) {
        return linear ? configured(LinearRewardTrainer.builder(), setting, 0.03, 20) : mlp(setting, 64, 30);
    }

    private static RankingRewardTrainer mlp(Map<String, Object> setting, int width, int epochs) {
        return configured(MlpRewardTrainer.builder().hiddenSizes(width).numThreads(THREADS), setting, 0.01, epochs);
    }

    private static RankingRewardTrainer configured(RankingRewardTrainerBuilder<?, ?> builder,
                                                   Map<String, Object> setting, double learningRate, int epochs) {
        return builder.objective(RankingObjective.builder().utility((String) setting.get("utility"))
                        .pairWeighting((PairWeighting) setting.get("weighting")).build())
                .l2((Double) setting.get("l2")).optimiser(new ParameterAveraging(new Adam(learningRate)))
                .minibatchSize(32).epochs(epochs).build();
    }

    /** The setting with the best mean NDCG@10 over 5 folds of the training queries. */
    private static Map<String, Object> select(Contender contender, Dataset<Regressor> train) throws Exception {
        List<GroupSplitter.Split<Regressor>> folds = GroupSplitter.kFold(train, FOLDS, 3L,
                RankingMetadata.DEFAULT_PROMPT_ID_KEY);
        Map<String, Object> best = null;
        double bestNdcg = -1;
        for (Map<String, Object> setting : contender.grid()) {
            double ndcg = 0.0;
            for (GroupSplitter.Split<Regressor> fold : folds) {
                ndcg += report(fold.test(), TrainingProgress.quietly(() -> {
                    try {
                        return contender.ranker().trainAndScore(fold.train(), fold.test(), setting);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).ndcg() / folds.size();
            }
            if (ndcg > bestNdcg) {
                bestNdcg = ndcg;
                best = setting;
            }
        }
        return best;
    }

    private static Outcome outcome(Contender contender, Dataset<Regressor> train, Dataset<Regressor> test,
                                   Map<String, Object> setting) throws Exception {
        long start = System.nanoTime();
        double[] scores = TrainingProgress.quietly(() -> {
            try {
                return contender.ranker().trainAndScore(train, test, setting);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        RankingReport.Metrics metrics = report(test, scores);
        return new Outcome(metrics.ndcg(), metrics.pairwiseAccuracy(), seconds);
    }

    /** The training and test queries in one dataset, test query ids prefixed so that they cannot meet train's. */
    private static MutableDataset<Regressor> combined(Dataset<Regressor> train, Dataset<Regressor> test) {
        MutableDataset<Regressor> all = new MutableDataset<>(train.getProvenance(), train.getOutputFactory());
        for (Example<Regressor> example : train) {
            all.add(relabelled(example, "train-"));
        }
        for (Example<Regressor> example : test) {
            all.add(relabelled(example, "test-"));
        }
        return all;
    }

    private static Example<Regressor> relabelled(Example<Regressor> example, String prefix) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(RankingMetadata.DEFAULT_PROMPT_ID_KEY, prefix
                + example.getMetadataValue(RankingMetadata.DEFAULT_PROMPT_ID_KEY).orElseThrow());
        org.tribuo.impl.ArrayExample<Regressor> copy = new org.tribuo.impl.ArrayExample<>(example.getOutput(), metadata);
        for (Feature f : example) {
            copy.add(f);
        }
        return copy;
    }

    /** Every ranker with its chosen setting on the same repeated folds, and our models against the best peer. */
    private static ObjectNode repeatedCrossValidation(List<Contender> contenders, Map<String, Map<String, Object>> chosen,
                                                      Dataset<Regressor> all) throws Exception {
        List<GroupSplitter.Split<Regressor>> folds = new ArrayList<>();
        for (int repeat = 0; repeat < REPEATS; repeat++) {
            folds.addAll(GroupSplitter.kFold(all, FOLDS, 100L + repeat, RankingMetadata.DEFAULT_PROMPT_ID_KEY));
        }
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        for (Contender contender : contenders) {
            List<Outcome> list = new ArrayList<>();
            for (GroupSplitter.Split<Regressor> fold : folds) {
                list.add(outcome(contender, fold.train(), fold.test(), chosen.get(contender.name())));
            }
            outcomes.put(contender.name(), list);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("folds", folds.size());
        result.put("queries", all.getData().stream().map(e -> e.getMetadataValue(RankingMetadata.DEFAULT_PROMPT_ID_KEY)
                .orElseThrow()).distinct().count());
        System.out.printf(Locale.ROOT, "%n%d x %d-fold cross-validation over all %d queries (the same folds for every "
                + "ranker, each with its chosen setting): mean (sd over %d folds)%n", REPEATS, FOLDS,
                result.get("queries").asLong(), folds.size());
        System.out.printf(Locale.ROOT, "%-36s %18s %18s %12s%n", "ranker", "NDCG@10", "pairwise", "s per fold");
        ArrayNode rows = result.putArray("rows");
        String bestPeer = null;
        for (Contender contender : contenders) {
            List<Outcome> list = outcomes.get(contender.name());
            SummaryStatistics ndcg = stats(list, Outcome::ndcg);
            SummaryStatistics pairwise = stats(list, Outcome::pairwise);
            SummaryStatistics seconds = stats(list, Outcome::seconds);
            System.out.printf(Locale.ROOT, "%-36s %9.4f (%.4f) %9.4f (%.4f) %12.2f%n", contender.name(), ndcg.getMean(),
                    ndcg.getStandardDeviation(), pairwise.getMean(), pairwise.getStandardDeviation(), seconds.getMean());
            ObjectNode row = rows.addObject();
            row.put("ranker", contender.name());
            row.put("ndcg@10", ndcg.getMean());
            row.put("ndcg@10_sd", ndcg.getStandardDeviation());
            row.put("pairwise_accuracy", pairwise.getMean());
            row.put("pairwise_accuracy_sd", pairwise.getStandardDeviation());
            row.put("seconds_per_fold", seconds.getMean());
            if (!contender.ours() && (bestPeer == null
                    || ndcg.getMean() > stats(outcomes.get(bestPeer), Outcome::ndcg).getMean())) {
                bestPeer = contender.name();
            }
        }
        System.out.printf(Locale.ROOT, "%nPaired per fold against the best peer (%s), NDCG@10:%n", bestPeer);
        ArrayNode paired = result.putArray("paired_against_best_peer");
        for (Contender contender : contenders) {
            if (!contender.ours()) {
                continue;
            }
            List<Outcome> mine = outcomes.get(contender.name());
            List<Outcome> peer = outcomes.get(bestPeer);
            SummaryStatistics difference = new SummaryStatistics();
            int wins = 0;
            int losses = 0;
            for (int f = 0; f < mine.size(); f++) {
                double d = mine.get(f).ndcg() - peer.get(f).ndcg();
                difference.addValue(d);
                wins += d > 0 ? 1 : 0;
                losses += d < 0 ? 1 : 0;
            }
            double se = difference.getStandardDeviation() / Math.sqrt(difference.getN());
            String verdict = difference.getMean() > 2 * se ? "beats" : difference.getMean() < -2 * se ? "loses to"
                    : "on par with";
            System.out.printf(Locale.ROOT, "  %-32s %s it: mean difference %+.4f (standard error %.4f), %d wins, %d "
                    + "losses of %d%n", contender.name(), verdict, difference.getMean(), se, wins, losses, mine.size());
            ObjectNode row = paired.addObject();
            row.put("ranker", contender.name());
            row.put("peer", bestPeer);
            row.put("mean_difference", difference.getMean());
            row.put("standard_error", se);
            row.put("wins", wins);
            row.put("losses", losses);
            row.put("verdict", verdict);
        }
        return result;
    }

    private static SummaryStatistics stats(List<Outcome> outcomes, java.util.function.ToDoubleFunction<Outcome> value) {
        SummaryStatistics stats = new SummaryStatistics();
        outcomes.forEach(o -> stats.addValue(value.applyAsDouble(o)));
        return stats;
    }

    private static double[] predict(Model<Regressor> model, Dataset<Regressor> data) {
        return model.predict(data).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
    }

    private static RankingReport.Metrics report(Dataset<Regressor> data, double[] scores) {
        List<Prediction<Regressor>> predictions = new ArrayList<>(data.size());
        int i = 0;
        for (Example<Regressor> example : data) {
            predictions.add(new Prediction<>(new Regressor(RankingMetadata.REWARD_DIMENSION, scores[i++]), 0, example));
        }
        List<GroupRewards> groups = ScoredGroups.fromPredictions(predictions, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
        return RankingReport.of(groups, 10, RankingReport.Normalisation.NO, UtilityByType.NONE).overall();
    }

    /** Dense row-major features in the training feature map's columns, the labels and the group sizes. */
    private record Matrix(float[] values, int rows, int columns, float[] labels, int[] groups) {
        static Matrix of(Dataset<Regressor> data, ImmutableFeatureMap columns) {
            int n = columns.size();
            float[] values = new float[data.size() * n];
            float[] labels = new float[data.size()];
            List<Integer> groups = new ArrayList<>();
            Map<String, Integer> sizes = new HashMap<>();
            String previous = null;
            int r = 0;
            for (Example<Regressor> example : data) {
                for (Feature f : example) {
                    int id = columns.getID(f.getName());
                    if (id >= 0) {
                        values[r * n + id] = (float) f.getValue();
                    }
                }
                labels[r] = (float) example.getOutput().getValues()[0];
                String group = example.getMetadataValue(RankingMetadata.DEFAULT_PROMPT_ID_KEY).orElseThrow().toString();
                if (!group.equals(previous)) {
                    groups.add(0);
                    if (sizes.put(group, 1) != null) {
                        throw new IllegalStateException("group " + group + " is not contiguous");
                    }
                    previous = group;
                }
                groups.set(groups.size() - 1, groups.get(groups.size() - 1) + 1);
                r++;
            }
            return new Matrix(values, data.size(), n, labels, groups.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static double[] xgboost(Dataset<Regressor> train, Dataset<Regressor> test, String objective,
                                    Map<String, Object> setting) throws Exception {
        Matrix tr = Matrix.of(train, train.getFeatureIDMap());
        Matrix te = Matrix.of(test, train.getFeatureIDMap());
        // As XGBoost reads an SVMlight file: a feature absent from a row is missing, not zero.
        DMatrix trainMatrix = new DMatrix(tr.values(), tr.rows(), tr.columns(), 0.0f);
        trainMatrix.setLabel(tr.labels());
        trainMatrix.setGroup(tr.groups());
        Map<String, Object> params = new HashMap<>();
        params.put("objective", objective);
        params.put("eta", setting.get("eta"));
        params.put("max_depth", setting.get("max_depth"));
        params.put("nthread", THREADS);
        params.put("seed", 1);
        params.put("verbosity", 0);
        Booster booster = XGBoost.train(trainMatrix, params, (Integer) setting.get("rounds"), Map.of(), null, null);
        DMatrix testMatrix = new DMatrix(te.values(), te.rows(), te.columns(), 0.0f);
        float[][] predictions = booster.predict(testMatrix);
        booster.dispose();
        trainMatrix.dispose();
        testMatrix.dispose();
        double[] scores = new double[predictions.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = predictions[i][0];
        }
        return scores;
    }

    private static double[] lightgbm(Dataset<Regressor> train, Dataset<Regressor> test, Map<String, Object> setting)
            throws Exception {
        Matrix tr = Matrix.of(train, train.getFeatureIDMap());
        Matrix te = Matrix.of(test, train.getFeatureIDMap());
        try (LGBMDataset dataset = LGBMDataset.createFromMat(tr.values(), tr.rows(), tr.columns(), true,
                "max_bin=255 data_random_seed=1 verbosity=-1", null)) {
            dataset.setField("label", tr.labels());
            dataset.setField("group", tr.groups());
            // LightGBM's own lambdarank example configuration (examples/lambdarank/train.conf), with the grid's rate,
            // leaves and rounds.
            try (LGBMBooster booster = LGBMBooster.create(dataset, "objective=lambdarank metric=ndcg ndcg_eval_at=10 "
                    + "learning_rate=" + setting.get("learning_rate") + " num_leaves=" + setting.get("num_leaves")
                    + " min_data_in_leaf=50 min_sum_hessian_in_leaf=5.0 bagging_freq=1 bagging_fraction=0.9 "
                    + "bagging_seed=3 num_threads=" + THREADS + " verbosity=-1")) {
                for (int i = 0; i < (Integer) setting.get("rounds"); i++) {
                    booster.updateOneIter();
                }
                return booster.predictForMat(te.values(), te.rows(), te.columns(), true,
                        com.microsoft.ml.lightgbm.PredictionType.C_API_PREDICT_NORMAL);
            }
        }
    }
}
