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
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.eval.LengthVerdict;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.text.EmbeddingCache;
import org.rewardcollapse.text.KnownEncoder;
import org.rewardcollapse.text.OnnxTextEncoder;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.rewardcollapse.train.TrainingProgress;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.dataset.DatasetView;
import org.tribuo.regression.Regressor;
import org.tribuo.util.tokens.universal.UniversalTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reward models on AlpacaEval as the hidden set judges them: 5-fold cross-validation by instruction, each fold trained
 * on the held-in instructions' answers by all 27 systems ({@code alpacaeval_dev_all_systems_ranked.jsonl.gz}) and
 * evaluated on the held-out instructions' 6 answers ({@code alpacaeval_dev_ranked.jsonl}), every model a linear head
 * solved to optimality by Newton's method, its L2 chosen by an inner cross-validation on the training instructions.
 * <p>
 * Each row: pairwise accuracy (mean and sd over the folds), the paired difference with the better length rule over
 * all held-out prompts with its bootstrap interval (the verdict every evaluation prints), the accuracy on the pairs
 * whose better answer is the shorter one, and the within-prompt Spearman correlation of reward and length. Rows for
 * each lever, kept or not. System properties: {@code alpaca.only} (a regular expression: only the rows it finds),
 * {@code alpaca.l2} (the inner grid, comma-separated), {@code alpaca.inner-folds}, {@code alpaca.style-scale} and
 * {@code alpaca.unpenalised}.
 */
public final class AlpacaEvalBenchmark {
    /**
     * The features left out of the L2 penalty: the command line's default, or the comma-separated names (prefixes
     * ending in *) of the system property {@code alpaca.unpenalised}.
     */
    private static final String[] UNPENALISED = System.getProperty("alpaca.unpenalised",
            ResponseFeaturizer.DEFAULT_UNPENALISED).split(",");
    private static final int FOLDS = 5;
    private static final long SEED = 42L;
    private static final String ID = RankingMetadata.DEFAULT_PROMPT_ID_KEY;
    private static final String TYPE = RankingMetadata.DEFAULT_PROMPT_TYPE_KEY;

    /** One row: the encoder (null: none), the style features, the length weight, the prompt-response product. */
    private record Row(String name, KnownEncoder encoder, boolean style, double lengthWeight, boolean product) {
        Row(String name, KnownEncoder encoder, boolean style, double lengthWeight) {
            this(name, encoder, style, lengthWeight, false);
        }
    }

    private AlpacaEvalBenchmark() {}

    /**
     * Runs the benchmark; with {@code -Dalpaca.held-out-systems=true} the answering systems are held out as well as
     * the instructions ({@link HeldOutSystems}).
     * @param args Optional output path (default {@code alpacaeval-results.json}).
     * @throws Exception If it fails.
     */
    public static void main(String[] args) throws Exception {
        Path dev = Measure.dataFile("alpacaeval_dev_ranked.jsonl");
        Path all = Measure.dataFile("alpacaeval_dev_all_systems_ranked.jsonl.gz");
        if (dev == null || all == null) {
            System.out.println("AlpacaEval files not in ../shared/data: nothing to measure");
            return;
        }
        if (Boolean.getBoolean("alpaca.held-out-systems")) {
            HeldOutSystems split = HeldOutSystems.split(dev, all, SEED, Files.createTempDirectory("alpaca-systems"));
            System.out.println("answering systems held out: trained on the other systems' answers, tested on the "
                    + "answers of " + split.heldOut());
            dev = split.test();
            all = split.train();
        }
        Measure.write(run(dev, all), Path.of(args.length > 0 ? args[0] : "alpacaeval-results.json"));
    }

    static ObjectNode run(Path dev, Path all) {
        List<Double> grid = Arrays.stream(System.getProperty("alpaca.l2", "3,10,30,100,300").split(","))
                .map(String::strip).map(Double::valueOf).toList();
        int innerFolds = Integer.getInteger("alpaca.inner-folds", 3);
        Pattern only = Pattern.compile(System.getProperty("alpaca.only", ""));
        double styleScale = Double.parseDouble(System.getProperty("alpaca.style-scale",
                Double.toString(ResponseFeaturizer.DEFAULT_STYLE_SCALE)));
        List<Row> rows = List.of(
                new Row("length + style (no encoder)", null, true, 1.0),
                new Row("MiniLM: response, length", KnownEncoder.MINILM, false, 1.0),
                new Row("MiniLM: response, length, style", KnownEncoder.MINILM, true, 1.0),
                new Row("MiniLM: response, length, style; length weight 0.65", KnownEncoder.MINILM, true, 0.65),
                new Row("MiniLM: response, length, style; length weight 0.6", KnownEncoder.MINILM, true, 0.6),
                new Row("MiniLM: response, length, style; length weight 0.55", KnownEncoder.MINILM, true, 0.55),
                new Row("MiniLM: response, length, style; length weight 0.5", KnownEncoder.MINILM, true, 0.5),
                new Row("bge-small: response, length", KnownEncoder.BGE_SMALL, false, 1.0),
                new Row("bge-small: response, length, style", KnownEncoder.BGE_SMALL, true, 1.0),
                new Row("bge-small: response, length, style; length weight 0.8", KnownEncoder.BGE_SMALL, true, 0.8),
                new Row("bge-small: response, length, style; length weight 0.65", KnownEncoder.BGE_SMALL, true, 0.65),
                new Row("bge-small: response, length, style; length weight 0.5", KnownEncoder.BGE_SMALL, true, 0.5),
                new Row("e5-small: response, length, style", KnownEncoder.E5_SMALL, true, 1.0),
                new Row("e5-small: response, length, style; length weight 0.65", KnownEncoder.E5_SMALL, true, 0.65),
                new Row("MiniLM int8: response, length, style", KnownEncoder.MINILM_Q8, true, 1.0),
                new Row("MiniLM int8: response, length, style; length weight 0.65", KnownEncoder.MINILM_Q8, true,
                        0.65),
                new Row("MiniLM: response, prompt x response, length, style", KnownEncoder.MINILM, true, 1.0, true));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        root.put("style_scale", styleScale);
        root.put("protocol", FOLDS + "-fold CV by instruction; " + (Boolean.getBoolean("alpaca.held-out-systems")
                ? "train: half the systems' answers to the held-in instructions; test: the other half's dev answers "
                + "to the held-out ones" : "train: all 27 systems' answers to the held-in instructions; test: the 6 "
                + "dev answers to the held-out ones") + "; Newton, L2 from " + grid + " by inner " + innerFolds
                + "-fold CV");
        System.out.printf(Locale.ROOT, "%nAlpacaEval dev: %s; style scale %s (%s)%n", root.get("protocol").asText(),
                styleScale, Measure.machine());
        System.out.printf(Locale.ROOT, "%-56s %6s %6s  %-34s %13s %6s %7s  %s%n", "model", "mean", "sd",
                "vs the longer-wins rule, 95% CI", "shorter-best", "rho", "s/fold", "L2 per fold");
        ArrayNode results = root.putArray("rows");
        Map<String, Integer> fold = promptFolds(dev);
        rules(dev, fold, results);
        Map<KnownEncoder, OnnxTextEncoder> encoders = new HashMap<>();
        for (Row row : rows) {
            if (!only.matcher(row.name()).find()) {
                continue;
            }
            OnnxTextEncoder encoder = row.encoder() == null ? null : encoders.computeIfAbsent(row.encoder(),
                    k -> OnnxTextEncoder.of(k, 0, "cpu", 0).withCache(EmbeddingCache.defaultDirectory()));
            ResponseFeaturizer featurizer = new ResponseFeaturizer(new TokenPipeline(new UniversalTokenizer(), 1, true,
                    16), false, false, true, true, encoder, encoder != null, row.product(), row.style(),
                    styleScale);
            results.add(crossValidate(row, featurizer, dev, all, fold, grid, innerFolds));
        }
        return root;
    }

    /** Each instruction's fold: the instructions shuffled by {@link #SEED}, dealt round-robin. */
    private static Map<String, Integer> promptFolds(Path dev) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(load(dev, lengthOnly()).getData()
                .stream().map(e -> e.getMetadataValue(ID).orElseThrow().toString()).toList()));
        Measure.shuffle(ids, SEED);
        Map<String, Integer> fold = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            fold.put(ids.get(i), i % FOLDS);
        }
        return fold;
    }

    private static ResponseFeaturizer lengthOnly() {
        return new ResponseFeaturizer(new TokenPipeline(new UniversalTokenizer(), 1, true, 16), false, false, true,
                true);
    }

    private static MutableDataset<Regressor> load(Path file, ResponseFeaturizer featurizer) {
        return new MutableDataset<>(new RankedJsonlSource(file, featurizer));
    }

    /** The examples of the prompts in (or out of) one fold. */
    private static Dataset<Regressor> part(Dataset<Regressor> data, Map<String, Integer> fold, int f, boolean in) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Integer k = fold.get(data.getExample(i).getMetadataValue(ID).orElseThrow().toString());
            if (k != null && (k == f) == in) {
                indices.add(i);
            }
        }
        DatasetView<Regressor> view = new DatasetView<>(data, indices.stream().mapToInt(Integer::intValue).toArray(),
                (in ? "fold " : "not fold ") + f);
        view.setStoreIndices(true);
        return view;
    }

    private static void rules(Path dev, Map<String, Integer> fold, ArrayNode results) {
        MutableDataset<Regressor> data = load(dev, lengthOnly());
        double[] longer = new double[FOLDS];
        for (int f = 0; f < FOLDS; f++) {
            longer[f] = report(RealTextBenchmark.groups(part(data, fold, f, true)), part(data, fold, f, true)).lengthBaselines()
                    .get(RankingReport.ALL).longerWins();
        }
        double[] shorter = Arrays.stream(longer).map(a -> 1.0 - a).toArray();
        results.add(print("the longer response wins", longer, null, null, 0.0, List.of()));
        results.add(print("the shorter response wins", shorter, null, null, 0.0, List.of()));
    }

    private static ObjectNode crossValidate(Row row, ResponseFeaturizer featurizer, Path dev, Path all,
                                            Map<String, Integer> fold, List<Double> grid, int innerFolds) {
        MutableDataset<Regressor> test = load(dev, featurizer);
        MutableDataset<Regressor> train = load(all, featurizer);
        double[] accuracy = new double[FOLDS];
        List<GroupRewards> heldOut = new ArrayList<>();
        Map<String, double[]> lengths = new LinkedHashMap<>();
        List<Double> chosen = new ArrayList<>();
        // As the command line's --l2 auto: the penalty is chosen for the model the labels teach (length weight 1).
        long start = System.nanoTime();
        for (int f = 0; f < FOLDS; f++) {
            Dataset<Regressor> trainPart = part(train, fold, f, false);
            Dataset<Regressor> testPart = part(test, fold, f, true);
            L2Selection.Result selection = TrainingProgress.quietly(() -> L2Selection.select(
                    trainer(0.0, row.lengthWeight()), trainPart, grid, innerFolds, SEED, ID, TYPE));
            chosen.add(selection.chosen());
            Model<Regressor> model = TrainingProgress.quietly(() -> trainer(selection.chosen(), row.lengthWeight())
                    .train(trainPart));
            List<GroupRewards> groups = ScoredGroups.predict(model, testPart);
            accuracy[f] = report(groups, testPart).overall().pairwiseAccuracy();
            heldOut.addAll(groups);
            lengths.putAll(ScoredGroups.lengths(testPart.getData(), ID));
        }
        RankingReport pooled = RankingReport.of(heldOut, 10, RankingReport.Normalisation.NO, UtilityByType.NONE,
                lengths);
        return print(row.name(), accuracy, pooled.lengthVerdict().orElseThrow(),
                pooled.lengthBias().get(RankingReport.ALL), (System.nanoTime() - start) / 1e9 / FOLDS, chosen);
    }

    private static RankingRewardTrainer trainer(double l2, double lengthWeight) {
        return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).lengthWeight(lengthWeight).l2(l2)
                .unpenalised(UNPENALISED)
                .validation(0.0, 0).seed(12345L).build();
    }

    private static RankingReport report(List<GroupRewards> groups, Dataset<Regressor> data) {
        return RankingReport.of(groups, 10, RankingReport.Normalisation.NO, UtilityByType.NONE,
                ScoredGroups.lengths(data.getData(), ID));
    }

    private static ObjectNode print(String name, double[] folds, LengthVerdict verdict, RankingReport.LengthBias bias,
                                    double seconds, List<Double> l2) {
        SummaryStatistics stats = new SummaryStatistics();
        Arrays.stream(folds).forEach(stats::addValue);
        String versus = verdict == null ? "" : String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]%s",
                verdict.difference(), verdict.lower(), verdict.upper(), verdict.rule().equals(LengthVerdict.LONGER)
                        ? "" : " (vs shorter)");
        String shorterBest = bias == null ? "" : String.format(Locale.ROOT, "%.3f (%d)",
                bias.lengthControlledAccuracy(), bias.shorterBetterPairs());
        String rho = bias == null ? "" : String.format(Locale.ROOT, "%+.3f", bias.rewardLengthRho());
        System.out.printf(Locale.ROOT, "%-56s %6.4f %6.4f  %-34s %13s %6s %7.1f  %s%n", name, stats.getMean(),
                stats.getStandardDeviation(), versus, shorterBest, rho, seconds,
                l2.stream().map(v -> String.format(Locale.ROOT, "%g", v)).collect(Collectors.joining(" ")));
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("model", name);
        row.put("pairwise_accuracy", stats.getMean());
        row.put("pairwise_accuracy_sd", stats.getStandardDeviation());
        ArrayNode values = row.putArray("folds");
        Arrays.stream(folds).forEach(values::add);
        if (verdict != null) {
            row.put("verdict", verdict.text());
            row.put("difference_vs_length_rule", verdict.difference());
            row.put("difference_lower", verdict.lower());
            row.put("difference_upper", verdict.upper());
            row.put("shorter_better_accuracy", bias.lengthControlledAccuracy());
            row.put("shorter_better_pairs", bias.shorterBetterPairs());
            row.put("reward_length_spearman", bias.rewardLengthRho());
            row.put("train_seconds_per_fold", seconds);
            ArrayNode chosen = row.putArray("l2_per_fold");
            l2.forEach(chosen::add);
        }
        return row;
    }
}
