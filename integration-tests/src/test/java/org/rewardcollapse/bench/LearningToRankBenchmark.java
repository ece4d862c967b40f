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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.rewardcollapse.data.GroupSplitter;
import org.rewardcollapse.data.LetorSource;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.PairWeighting;
import org.rewardcollapse.train.RankingRewardTrainer;
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
import java.util.function.Supplier;

/**
 * Learning to rank on the LETOR files: this project's linear and MLP trainers (pairwise log-sigmoid, and the
 * utility and pair weighting chosen by 5-fold cross-validation on the training groups) against XGBoost4J
 * {@code rank:pairwise}, LightGBM {@code lambdarank} and Tribuo's pointwise {@code LinearSGDTrainer}: test NDCG@10,
 * pairwise accuracy, training seconds (median of 3 after a warm-up) and peak Java heap while training. Every model
 * is judged by the same {@link RankingReport}.
 */
public final class LearningToRankBenchmark {
    private static final int ROUNDS = 100;
    private static final int THREADS = 2;
    private static final List<String> UTILITIES = List.of("log-sigmoid:1", "log-sigmoid:0.25", "log-sigmoid:4",
            "log,eps=0.1", "inverse,eps=0.1");

    private LearningToRankBenchmark() {}

    /** A peer or one of ours: trains on a dataset and scores another. */
    private interface Ranker {
        double[] trainAndScore(Dataset<Regressor> train, Dataset<Regressor> test) throws Exception;
    }

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
     * Runs the benchmark and prints its table.
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
        ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        root.put("data", "LETOR (LightGBM's lambdarank example): train " + train.size() + " rows, test " + test.size()
                + " rows, " + train.getFeatureMap().size() + " features");
        ArrayNode rows = root.putArray("rows");
        System.out.printf(Locale.ROOT, "Learning to rank on LETOR: test NDCG@10, pairwise accuracy, training seconds "
                + "(median of 3), peak heap (%s)%n", root.get("machine").asText());
        System.out.printf(Locale.ROOT, "%-56s %9s %9s %9s %10s%n", "ranker", "NDCG@10", "pairwise", "train s", "heap MiB");
        Map<String, Ranker> rankers = new LinkedHashMap<>();
        rankers.put("XGBoost4J rank:pairwise (100 rounds)", LearningToRankBenchmark::xgboost);
        rankers.put("LightGBM lambdarank (100 rounds)", LearningToRankBenchmark::lightgbm);
        rankers.put("Tribuo LinearSGDTrainer, squared loss (pointwise)", (tr, te) -> predict(new LinearSGDTrainer(
                new SquaredLoss(), new AdaGrad(0.1, 0.1), 10, Trainer.DEFAULT_SEED).train(tr), te));
        rankers.put("linear, log-sigmoid:1", (tr, te) -> predict(linear("log-sigmoid:1", PairWeighting.UNIFORM).train(tr), te));
        rankers.put("MLP 64, log-sigmoid:1", (tr, te) -> predict(mlp("log-sigmoid:1", PairWeighting.UNIFORM).train(tr), te));
        String[] bestLinear = select(train, true);
        String[] bestMlp = select(train, false);
        rankers.put("linear, " + bestLinear[0] + ", " + bestLinear[1].toLowerCase(Locale.ROOT) + " (CV-selected)",
                (tr, te) -> predict(linear(bestLinear[0], PairWeighting.valueOf(bestLinear[1])).train(tr), te));
        rankers.put("MLP 64, " + bestMlp[0] + ", " + bestMlp[1].toLowerCase(Locale.ROOT) + " (CV-selected)",
                (tr, te) -> predict(mlp(bestMlp[0], PairWeighting.valueOf(bestMlp[1])).train(tr), te));
        for (Map.Entry<String, Ranker> entry : rankers.entrySet()) {
            double[][] scores = new double[1][];
            Measure.resetPeakHeap();
            double seconds = Measure.medianSeconds(() -> scores[0] = entry.getValue().trainAndScore(train, test), 1, 3);
            long heap = Measure.peakHeap();
            RankingReport.Metrics metrics = report(test, scores[0]);
            System.out.printf(Locale.ROOT, "%-56s %9.4f %9.4f %9.2f %10.0f%n", entry.getKey(), metrics.ndcg(),
                    metrics.pairwiseAccuracy(), seconds, heap / 1048576.0);
            ObjectNode row = rows.addObject();
            row.put("ranker", entry.getKey());
            row.put("ndcg@10", metrics.ndcg());
            row.put("pairwise_accuracy", metrics.pairwiseAccuracy());
            row.put("train_and_score_seconds", seconds);
            row.put("peak_heap_bytes", heap);
        }
        return root;
    }

    private static RankingRewardTrainer linear(String utility, PairWeighting weighting) {
        return LinearRewardTrainer.builder().utility(utility).pairWeighting(weighting)
                .optimiser(new ParameterAveraging(new Adam(0.03))).minibatchSize(32).epochs(20).build();
    }

    private static RankingRewardTrainer mlp(String utility, PairWeighting weighting) {
        return MlpRewardTrainer.builder().hiddenSizes(64).utility(utility).pairWeighting(weighting)
                .optimiser(new ParameterAveraging(new Adam(0.01))).minibatchSize(32).epochs(30).numThreads(THREADS).build();
    }

    /** Picks the utility and pair weighting with the best mean NDCG@10 over 5 folds of the training groups. */
    private static String[] select(Dataset<Regressor> train, boolean linear) {
        List<GroupSplitter.Split<Regressor>> folds = GroupSplitter.kFold(train, 5, 3L, RankingMetadata.DEFAULT_PROMPT_ID_KEY);
        String[] best = null;
        double bestNdcg = -1;
        for (String utility : UTILITIES) {
            for (PairWeighting weighting : List.of(PairWeighting.UNIFORM, PairWeighting.GAIN_DIFFERENCE)) {
                double ndcg = 0.0;
                for (GroupSplitter.Split<Regressor> fold : folds) {
                    Supplier<RankingRewardTrainer> trainer = () -> linear ? linear(utility, weighting) : mlp(utility, weighting);
                    ndcg += report(fold.test(), predict(trainer.get().train(fold.train()), fold.test())).ndcg() / folds.size();
                }
                if (ndcg > bestNdcg) {
                    bestNdcg = ndcg;
                    best = new String[]{utility, weighting.name()};
                }
            }
        }
        System.out.printf(Locale.ROOT, "  5-fold CV on the training groups chose %s, %s for the %s model (NDCG@10 %.4f)%n",
                best[0], best[1], linear ? "linear" : "MLP", bestNdcg);
        return best;
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

    private static double[] xgboost(Dataset<Regressor> train, Dataset<Regressor> test) throws Exception {
        Matrix tr = Matrix.of(train, train.getFeatureIDMap());
        Matrix te = Matrix.of(test, train.getFeatureIDMap());
        // As XGBoost reads an SVMlight file: a feature absent from a row is missing, not zero.
        DMatrix trainMatrix = new DMatrix(tr.values(), tr.rows(), tr.columns(), 0.0f);
        trainMatrix.setLabel(tr.labels());
        trainMatrix.setGroup(tr.groups());
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "rank:pairwise");
        params.put("nthread", THREADS);
        params.put("verbosity", 0);
        Booster booster = XGBoost.train(trainMatrix, params, ROUNDS, Map.of(), null, null);
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

    private static double[] lightgbm(Dataset<Regressor> train, Dataset<Regressor> test) throws Exception {
        Matrix tr = Matrix.of(train, train.getFeatureIDMap());
        Matrix te = Matrix.of(test, train.getFeatureIDMap());
        try (LGBMDataset dataset = LGBMDataset.createFromMat(tr.values(), tr.rows(), tr.columns(), true,
                "max_bin=255 data_random_seed=1 verbosity=-1", null)) {
            dataset.setField("label", tr.labels());
            dataset.setField("group", tr.groups());
            // LightGBM's own lambdarank example configuration (examples/lambdarank/train.conf).
            try (LGBMBooster booster = LGBMBooster.create(dataset, "objective=lambdarank metric=ndcg ndcg_eval_at=10 "
                    + "learning_rate=0.1 num_leaves=31 min_data_in_leaf=50 min_sum_hessian_in_leaf=5.0 bagging_freq=1 "
                    + "bagging_fraction=0.9 bagging_seed=3 num_threads=" + THREADS + " verbosity=-1")) {
                for (int i = 0; i < ROUNDS; i++) {
                    booster.updateOneIter();
                }
                return booster.predictForMat(te.values(), te.rows(), te.columns(), true,
                        com.microsoft.ml.lightgbm.PredictionType.C_API_PREDICT_NORMAL);
            }
        }
    }
}
