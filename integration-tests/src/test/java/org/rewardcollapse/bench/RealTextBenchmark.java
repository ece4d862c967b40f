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
import org.rewardcollapse.data.GroupSplitter;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.OasstTreeSource;
import org.rewardcollapse.data.source.PairwiseJsonlSource;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.eval.RankingEvaluator;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.RewardProfiles;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.text.EmbeddingCache;
import org.rewardcollapse.text.KnownEncoder;
import org.rewardcollapse.text.OnnxTextEncoder;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LearningRateSchedule;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.rewardcollapse.train.RankingRewardTrainerBuilder;
import org.rewardcollapse.train.TrainingProgress;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reward models on real text, judged as a user would: 5-fold cross-validation by prompt group, held-out pairwise
 * accuracy (mean and spread over the folds), beside the length baselines ("the longer response wins", "the shorter
 * response wins"), for hashed words and for all-MiniLM-L6-v2 and bge-small-en-v1.5 embeddings run in the JVM, with
 * the command line's training defaults (L2 chosen by an inner 5-fold cross-validation, the character count
 * unpenalised, early stopping on 10% validation groups) or a linear head solved by Newton's method (L2 from 0.3 to
 * 1000), with and without the style features and a length weight. Also each encoder's throughput with 1 and 2
 * threads, and the paper's prompt-aware experiment on MiniLM embeddings. AlpacaEval has its own program,
 * {@link AlpacaEvalBenchmark}. Each model row is followed by its verdict: the paired difference with the better length
 * rule over all held-out prompts, with its bootstrap interval. System properties: {@code realtext.only} and
 * {@code realtext.data} (regular expressions: the rows and data sets to run), {@code realtext.newton-l2},
 * {@code realtext.inner-folds} and {@code realtext.unpenalised} (the features left out of the penalty, comma-separated;
 * default: the command line's).
 */
public final class RealTextBenchmark {
    /**
     * The features left out of the L2 penalty: the command line's default, or the comma-separated names (prefixes
     * ending in *) of the system property {@code realtext.unpenalised}.
     */
    private static final String[] UNPENALISED = System.getProperty("realtext.unpenalised",
            ResponseFeaturizer.DEFAULT_UNPENALISED).split(",");
    private static final int FOLDS = 5;
    /** The folds of the L2 selection inside each training fold (system property {@code realtext.inner-folds}). */
    private static final int INNER_FOLDS = Integer.getInteger("realtext.inner-folds", FOLDS);
    private static final long SEED = 42L;
    private static final List<Double> L2 = List.of(0.0, 1e-3, 1e-2, 1e-1, 1.0);

    private RealTextBenchmark() {}

    /**
     * The L2 grid of Newton training: the command line's {@code --l2 auto} with {@code --solver newton}, or the values
     * of the system property {@code realtext.newton-l2} (comma-separated).
     */
    private static final List<Double> NEWTON_L2 = java.util.Arrays.stream(System.getProperty("realtext.newton-l2",
            "0.3,1,3,10,30,100,300,1000").split(",")).map(String::strip).map(Double::valueOf).toList();

    /**
     * A featuriser and trainer pair to cross-validate; an ensemble of that many bootstrap members when above 1; a
     * linear head solved by Newton's method (with that length weight) when newton.
     */
    private record Config(String name, Supplier<ResponseFeaturizer> featurizer,
                          Supplier<RankingRewardTrainerBuilder<?, ?>> trainer, int ensemble, boolean newton,
                          double lengthWeight) {
        Config(String name, Supplier<ResponseFeaturizer> featurizer,
               Supplier<RankingRewardTrainerBuilder<?, ?>> trainer) {
            this(name, featurizer, trainer, 1, false, 1.0);
        }

        Config(String name, Supplier<ResponseFeaturizer> featurizer,
               Supplier<RankingRewardTrainerBuilder<?, ?>> trainer, int ensemble) {
            this(name, featurizer, trainer, ensemble, false, 1.0);
        }

        static Config newton(String name, Supplier<ResponseFeaturizer> featurizer, double lengthWeight) {
            return new Config(name, featurizer, LinearRewardTrainer::builder, 1, true, lengthWeight);
        }
    }

    /** A system property: run only the configurations whose name this regular expression finds, and no other section. */
    private static final String ONLY = "realtext.only";

    /**
     * Runs the benchmark on its own.
     * @param args Optional output path (default {@code real-text-results.json}).
     * @throws Exception If it fails.
     */
    public static void main(String[] args) throws Exception {
        Measure.write(run(), Path.of(args.length > 0 ? args[0] : "real-text-results.json"));
    }

    /**
     * Runs every section.
     * @return The results.
     * @throws Exception If a section fails.
     */
    static ObjectNode run() throws Exception {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        OnnxTextEncoder encoder = OnnxTextEncoder.miniLm().withCache(EmbeddingCache.defaultDirectory());
        OnnxTextEncoder bge = OnnxTextEncoder.of(KnownEncoder.BGE_SMALL, 0, "cpu", 0)
                .withCache(EmbeddingCache.defaultDirectory());
        root.put("encoder", encoder.describe());
        List<Config> configs = List.of(
                new Config("hashed words, linear", ResponseFeaturizer::defaults, LinearRewardTrainer::builder),
                new Config("hashed words, MLP 64", ResponseFeaturizer::defaults, RealTextBenchmark::mlp),
                new Config("MiniLM: response, prompt*response, length; linear",
                        () -> embeddings(encoder, true, true, true), LinearRewardTrainer::builder),
                new Config("MiniLM: response, prompt*response, length; MLP 64",
                        () -> embeddings(encoder, true, true, true), RealTextBenchmark::mlp),
                new Config("MiniLM: response, length; linear",
                        () -> embeddings(encoder, true, false, true), LinearRewardTrainer::builder),
                new Config("MiniLM: response, length; MLP 64",
                        () -> embeddings(encoder, true, false, true), RealTextBenchmark::mlp),
                new Config("MiniLM: response, prompt*response (no length); linear",
                        () -> embeddings(encoder, true, true, false), LinearRewardTrainer::builder),
                new Config("MiniLM: response, length; linear, ensemble of 5 (bootstrap)",
                        () -> embeddings(encoder, true, false, true), LinearRewardTrainer::builder, 5),
                Config.newton("MiniLM: response, length; Newton", () -> embeddings(encoder, true, false, true), 1.0),
                Config.newton("MiniLM: response, length, style; Newton", () -> styled(encoder), 1.0),
                Config.newton("bge-small: response, length; Newton", () -> embeddings(bge, true, false, true), 1.0),
                Config.newton("bge-small: response, length, style; Newton", () -> styled(bge), 1.0),
                Config.newton("bge-small: response, length, style; Newton, length weight 0.65", () -> styled(bge),
                        0.65))
                .stream().filter(c -> java.util.regex.Pattern.compile(System.getProperty(ONLY, "")).matcher(c.name())
                        .find()).toList();
        ArrayNode datasets = root.putArray("datasets");
        java.util.regex.Pattern data = java.util.regex.Pattern.compile(System.getProperty("realtext.data", ""));
        Path hh = Measure.dataFile("hh_rlhf_harmless_test.jsonl.gz");
        if (hh != null && data.matcher("HH-RLHF").find()) {
            datasets.add(crossValidate("HH-RLHF harmless (2,312 chosen/rejected pairs)",
                    f -> new PairwiseJsonlSource(hh, f), configs));
        }
        Path oasst = Measure.dataFile("oasst_en_100_tree.jsonl");
        if (oasst != null && data.matcher("OpenAssistant").find()) {
            datasets.add(crossValidate("OpenAssistant (100 trees, 212 ranked groups)",
                    f -> new OasstTreeSource(oasst, f), configs));
        }
        if (System.getProperty(ONLY) != null) {
            return root;
        }
        if (oasst != null) {
            root.set("encoder_throughput", throughput(new OasstTreeSource(oasst, ResponseFeaturizer.defaults())));
        }
        root.set("prompt_aware_on_embeddings", promptAware(encoder));
        return root;
    }

    private static RankingRewardTrainerBuilder<?, ?> mlp() {
        return MlpRewardTrainer.builder().hiddenSizes(64).activation(Activation.RELU);
    }

    private static ResponseFeaturizer styled(OnnxTextEncoder encoder) {
        return new ResponseFeaturizer(new org.tribuo.data.text.impl.TokenPipeline(
                new org.tribuo.util.tokens.universal.UniversalTokenizer(), 1, true, 16), false, false, true, true,
                encoder, true, false, true, ResponseFeaturizer.DEFAULT_STYLE_SCALE);
    }

    private static ResponseFeaturizer embeddings(OnnxTextEncoder encoder, boolean response, boolean product,
                                                 boolean length) {
        return new ResponseFeaturizer(new org.tribuo.data.text.impl.TokenPipeline(
                new org.tribuo.util.tokens.universal.UniversalTokenizer(), 1, true, 16), false, false, length, true,
                encoder, response, product);
    }

    /**
     * The command line's defaults: Adam 0.01, at most 50 epochs, minibatches of 32, 10% validation, patience 5, the
     * length features left out of the L2 penalty.
     */
    private static RankingRewardTrainer trainer(Config config, double l2) {
        if (config.newton()) {
            return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).lengthWeight(config.lengthWeight()).l2(l2)
                    .unpenalised(UNPENALISED)
                    .validation(0.0, 0).seed(12345L).build();
        }
        return config.trainer().get().optimiser(new Adam(0.01)).epochs(50).minibatchSize(32).validation(0.1, 5).l2(l2)
                .unpenalised(UNPENALISED).seed(12345L)
                .build();
    }

    private static ObjectNode crossValidate(String name, Function<ResponseFeaturizer, RankingDataSource> loader,
                                            List<Config> configs) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("data", name);
        ArrayNode rows = result.putArray("rows");
        System.out.printf(Locale.ROOT, "%n%s: %d-fold cross-validation by prompt group, held-out pairwise accuracy "
                + "(%s)%n", name, FOLDS, Measure.machine());
        System.out.printf(Locale.ROOT, "%-58s %8s %8s %8s   %s%n", "model", "mean", "sd", "train s", "per fold");
        Map<String, MutableDataset<Regressor>> loaded = new LinkedHashMap<>();
        boolean baselinesDone = false;
        for (Config config : configs) {
            ResponseFeaturizer featurizer = config.featurizer().get();
            MutableDataset<Regressor> data = loaded.computeIfAbsent(featurizer.toString(),
                    k -> new MutableDataset<>(loader.apply(featurizer)));
            List<GroupSplitter.Split<Regressor>> folds = GroupSplitter.kFold(data, FOLDS, SEED,
                    RankingMetadata.DEFAULT_PROMPT_ID_KEY);
            if (!baselinesDone) {
                baselinesDone = true;
                double[] longer = new double[FOLDS];
                for (int f = 0; f < FOLDS; f++) {
                    longer[f] = baseline(folds.get(f).test());
                }
                row(rows, "the longer response wins", longer, 0.0);
                double[] shorter = new double[FOLDS];
                for (int f = 0; f < FOLDS; f++) {
                    shorter[f] = 1.0 - longer[f];
                }
                row(rows, "the shorter response wins", shorter, 0.0);
            }
            double[] accuracy = new double[FOLDS];
            List<GroupRewards> heldOut = new ArrayList<>();
            Map<String, double[]> lengths = new LinkedHashMap<>();
            long start = System.nanoTime();
            for (int f = 0; f < FOLDS; f++) {
                Dataset<Regressor> train = folds.get(f).train();
                L2Selection.Result selection = TrainingProgress.quietly(() -> L2Selection.select(
                        trainer(config, 0.0), train, config.newton() ? NEWTON_L2 : L2, INNER_FOLDS, SEED,
                        RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY));
                RankingRewardTrainer chosen = trainer(config, selection.chosen());
                Model<Regressor> model = TrainingProgress.quietly(() -> config.ensemble() > 1
                        ? new EnsembleRewardTrainer(chosen, config.ensemble(), true, SEED).train(train)
                        : chosen.train(train));
                accuracy[f] = new RankingEvaluator().evaluate(model, folds.get(f).test()).report().overall()
                        .pairwiseAccuracy();
                heldOut.addAll(ScoredGroups.predict(model, folds.get(f).test()));
                lengths.putAll(ScoredGroups.lengths(folds.get(f).test().getData(),
                        RankingMetadata.DEFAULT_PROMPT_ID_KEY));
            }
            ObjectNode row = row(rows, config.name(), accuracy, (System.nanoTime() - start) / 1e9 / FOLDS);
            RankingReport pooled = RankingReport.of(heldOut, 10, RankingReport.Normalisation.NO, UtilityByType.NONE,
                    lengths);
            pooled.lengthVerdict().ifPresent(v -> {
                System.out.printf(Locale.ROOT, "%-58s %s%n", "", v.text());
                row.put("verdict", v.text());
                row.put("difference_vs_length_rule", v.difference());
                row.put("difference_lower", v.lower());
                row.put("difference_upper", v.upper());
            });
        }
        return result;
    }

    private static double baseline(Dataset<Regressor> test) {
        RankingReport report = RankingReport.of(groups(test), 10, RankingReport.Normalisation.NO, UtilityByType.NONE,
                ScoredGroups.lengths(test.getData(), RankingMetadata.DEFAULT_PROMPT_ID_KEY));
        return report.lengthBaselines().get(RankingReport.ALL).longerWins();
    }

    /** The test groups with zero rewards (only the scores and lengths matter for the baselines). */
    static List<GroupRewards> groups(Dataset<Regressor> test) {
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        test.forEach(e -> scores.computeIfAbsent(e.getMetadataValue(RankingMetadata.DEFAULT_PROMPT_ID_KEY).orElseThrow()
                .toString(), k -> new ArrayList<>()).add(e.getOutput().getValues()[0]));
        List<GroupRewards> groups = new ArrayList<>();
        scores.forEach((id, s) -> groups.add(new GroupRewards(id, null, s.stream().mapToDouble(Double::doubleValue)
                .toArray(), new double[s.size()])));
        return groups;
    }

    private static ObjectNode row(ArrayNode rows, String name, double[] folds, double seconds) {
        SummaryStatistics stats = new SummaryStatistics();
        for (double v : folds) {
            stats.addValue(v);
        }
        String perFold = java.util.Arrays.stream(folds).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                .collect(Collectors.joining(" "));
        System.out.printf(Locale.ROOT, "%-58s %8.4f %8.4f %8.1f   %s%n", name, stats.getMean(),
                stats.getStandardDeviation(), seconds, perFold);
        ObjectNode row = rows.addObject();
        row.put("model", name);
        row.put("pairwise_accuracy", stats.getMean());
        row.put("pairwise_accuracy_sd", stats.getStandardDeviation());
        row.put("train_seconds_per_fold", seconds);
        ArrayNode values = row.putArray("folds");
        for (double v : folds) {
            values.add(v);
        }
        return row;
    }

    private static ObjectNode throughput(RankingDataSource source) {
        List<String> texts = new ArrayList<>();
        source.groups().forEach(g -> g.responses().forEach(r -> texts.add(r.text())));
        List<String> sample = texts.subList(0, Math.min(Integer.getInteger("realtext.throughput-texts", 300),
                texts.size()));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        System.out.printf(Locale.ROOT, "%nEncoder throughput on the CPU, %d OpenAssistant responses (median of 3 after a "
                + "warm-up; no cache)%n", sample.size());
        try {
            for (KnownEncoder known : KnownEncoder.values()) {
                ObjectNode row = result.putObject(known.shortName());
                for (int threads : new int[]{1, 2}) {
                    OnnxTextEncoder encoder = OnnxTextEncoder.of(known, 0, "cpu", threads);
                    double seconds = Measure.medianSeconds(() -> encoder.encode(sample), 1, 3);
                    System.out.printf(Locale.ROOT, "  %-10s %d thread(s): %6.1f texts/s (%.1f s per 1,000 texts)%n",
                            known.shortName(), threads, sample.size() / seconds, 1000 * seconds / sample.size());
                    row.put("texts_per_second_" + threads + "_threads", sample.size() / seconds);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        result.put("texts", sample.size());
        return result;
    }

    /**
     * The paper's experiment with MiniLM embeddings instead of hashed words: 512 synthetic prompts, an MLP of 64 tanh
     * units to convergence; a fixed inverse utility against the prompt-aware one.
     */
    private static ObjectNode promptAware(OnnxTextEncoder encoder) {
        ResponseFeaturizer featurizer = embeddings(encoder, true, true, true);
        MutableDataset<Regressor> data = new MutableDataset<>(new SyntheticRankingSource(512, 0.5, 7L, featurizer));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        System.out.printf(Locale.ROOT, "%nPrompt-aware training on MiniLM embeddings (512 synthetic prompts, MLP 64 "
                + "tanh, bounded, 300 epochs): collapse gap between the classes on the training prompts%n");
        for (String policy : List.of("inverse", "open=inverse,closed=linear")) {
            long start = System.nanoTime();
            RewardModel model = TrainingProgress.quietly(() -> MlpRewardTrainer.builder().hiddenSizes(64)
                    .activation(Activation.TANH).objective(RankingObjective.of(policy, true))
                    .optimiser(new Adam(0.01)).epochs(300)
                    .minibatchSize(16).schedule(0, LearningRateSchedule.Decay.COSINE).seed(1L).build().train(data));
            Map<String, List<GroupRewards>> byType = ScoredGroups.predict(model, data).stream().collect(
                    Collectors.groupingBy(g -> g.type().orElseThrow(), TreeMap::new, Collectors.toList()));
            Map<String, RewardProfiles.ClassProfile> profiles = new TreeMap<>();
            byType.forEach((type, list) -> profiles.put(type, RewardProfiles.classProfile(list, 8, false)));
            double gap = RewardProfiles.collapseGap(profiles);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  %-28s collapse gap %.4f (%.0f s)%n", policy, gap, seconds);
            result.put(policy, gap);
        }
        return result;
    }
}
