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
package org.rewardcollapse.spark;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rewardcollapse.cli.EnsembleOptions;
import org.rewardcollapse.cli.FeaturizerOptions;
import org.rewardcollapse.cli.OptionNames;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.features.TextEncoder;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.regression.Regressor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Trains a linear reward model with the Newton solver on Spark ({@link SparkNewtonTraining}) from a data file in one
 * of the project's formats on the driver, featurised as {@code train} featurises it (the same featuriser options,
 * {@link FeaturizerOptions}: by default hashed words and length features), and writes {@code model.tribuo} and
 * {@code model.onnx} into a directory on the driver: staged beside it and renamed into place when complete, so a
 * failed job leaves none. With a sentence encoder the texts are encoded on the executors ({@link SparkEncoding}), or
 * the vectors come from an earlier {@link SparkEncodeJob} ({@code --encoded}); either way they fill the driver's
 * embedding cache, so the driver's featuriser (the one {@code train} would record, and {@code score} rebuilds) finds
 * every vector there and encodes nothing. With {@code --ensemble K --bootstrap} it trains, as {@code train --solver
 * newton --ensemble K --bootstrap} does, K members on bootstrap resamples of the prompt groups, their Newton solves
 * together on Spark ({@link SparkNewtonTraining#trainEnsemble}), and writes the ensemble. A user's mistake is one line and exit status 2, any other failure one line
 * and 1.
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = "Train a linear reward model with the Newton solver on Spark; write model.tribuo and model.onnx.")
public final class SparkTrainJob implements Callable<Integer> {
    /** The model file. */
    public static final String MODEL = "model.tribuo";
    /** The exported model. */
    public static final String ONNX = "model.onnx";
    private static final Set<String> WRITTEN = Set.of(MODEL, ONNX);

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The training data, a file on the "
            + "driver (plain or gzip).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ranked, pairs, oasst, rollouts or letor "
            + "(default: detected from the file).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory, on the driver.")
    Path out;

    @Option(names = "--force", description = "Replace an earlier output of this job at --out (never anything else).")
    boolean force;

    @Option(names = "--utility", defaultValue = "log-sigmoid:1", paramLabel = "SPEC",
            description = "The utility of every prompt (default: ${DEFAULT-VALUE}).")
    String utility;

    @Option(names = "--l2", defaultValue = "1", paramLabel = "L2|auto", description = "L2 penalty on every weight, or "
            + "auto: chosen from 0.3, 1, 3, ..., 300 and 1000 by --cv-folds cross-validation over the prompt groups, "
            + "as train --solver newton --l2 auto chooses it, every fold's training on Spark (default: "
            + "${DEFAULT-VALUE}).")
    String l2;

    @Option(names = "--unpenalised", defaultValue = "none", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Features the L2 penalty leaves alone, as train's --unpenalised: names, or prefixes ending "
                    + "in * (default: ${DEFAULT-VALUE}, every weight penalised; train's default is "
                    + ResponseFeaturizer.DEFAULT_UNPENALISED + ").")
    List<String> unpenalised;

    @Option(names = "--length-weight", defaultValue = "1", paramLabel = "W",
            description = "Multiply the learnt length weights by W in [0, 1], as train --solver newton --length-weight "
                    + "does (1: as the labels taught; 0: no length preference; default: ${DEFAULT-VALUE}).")
    double lengthWeight;

    @Option(names = "--cv-folds", defaultValue = "5", paramLabel = "K",
            description = "Folds of the cross-validation of --l2 auto, >= 2 (default: ${DEFAULT-VALUE}).")
    int cvFolds;

    @Option(names = "--seed", defaultValue = "12345", paramLabel = "S", description = "Seed of the folds of --l2 auto "
            + "and of the resamples of --bootstrap (train's --seed; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ensemble", paramLabel = "K", description = "Train K models, 2 to "
            + EnsembleOptions.MAX_MEMBERS + ", each on a bootstrap resample of the prompt groups (needs --bootstrap), "
            + "their Newton solves together in shared Spark jobs, as one ensemble, as train --solver newton --ensemble "
            + "K --bootstrap does: its reward is their mean, its spread their standard deviation; the ONNX export "
            + "has a second output, output_std (default: one model).")
    Integer ensemble;

    @Option(names = "--bootstrap", description = "With --ensemble: train each member on a bootstrap resample of the "
            + "prompt groups (train's --bootstrap; Newton members trained on the same groups would be the same model).")
    boolean bootstrap;

    @Option(names = "--partitions", paramLabel = "P", description = "Partitions of prompt groups (default: Spark's "
            + "default parallelism).")
    Integer partitions;

    @Option(names = "--tree-depth", defaultValue = "2", paramLabel = "D",
            description = "Depth of the tree that merges the partitions' sums (default: ${DEFAULT-VALUE}).")
    int depth;

    @CommandLine.Mixin
    FeaturizerOptions featurizerOptions = new FeaturizerOptions();

    @Option(names = "--encoded", paramLabel = "DIR", description = "With --encoder: the vectors spark-encode wrote for "
            + "--data with that encoder (default: encode --data on the executors first).")
    String encoded;

    @Option(names = "--embedding-cache", paramLabel = "DIR", description = "With --encoder: the driver's embedding "
            + "cache, which the executors' vectors fill and which is kept for later local runs (default: a temporary "
            + "directory, removed at the end).")
    Path embeddingCache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the job (the Spark session is spark-submit's) and stops Spark.
     * @param args The arguments.
     */
    public static void main(String[] args) {
        JobErrors.runAndExit(commandLine(), args);
    }

    /**
     * The job's command line: a user's mistake (in the arguments too) is one line and exit status 2, any other failure
     * one line and 1.
     * @return The command line, ready to execute.
     */
    public static CommandLine commandLine() {
        return JobErrors.commandLine(new SparkTrainJob(), "spark-train");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, found " + partitions);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("--tree-depth must be >= 1, found " + depth);
        }
        boolean auto = l2.strip().equalsIgnoreCase("auto");
        double fixedL2 = 0.0; // with auto, the trainer train --l2 auto builds; the folds replace it
        if (!auto) {
            try {
                fixedL2 = Double.parseDouble(l2.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--l2 must be a number >= 0 or auto, found '" + l2 + "'");
            }
        }
        EnsembleOptions.check(ensemble, bootstrap, true);
        if (auto && (cvFolds < 2 || cvFolds > FoldedSums.MAX_FOLDS)) {
            throw new IllegalArgumentException("--cv-folds must be in [2, " + FoldedSums.MAX_FOLDS + "], found "
                    + cvFolds);
        }
        Path target = out.toAbsolutePath().normalize();
        requireReplaceable(target);
        LinearRewardTrainer trainer;
        try {
            trainer = LinearRewardTrainer.builder().solver(LinearSolver.NEWTON)
                    .objective(RankingObjective.builder().utility(utility).build()).l2(fixedL2)
                    .unpenalised(OptionNames.noneIsEmpty(unpenalised).toArray(String[]::new))
                    .lengthWeight(lengthWeight).build();
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(e.message(SparkTrainJob::optionName), e);
        }
        DataSpec dataSpec = new DataSpec(data, format == null ? null : DataFormat.fromName(format), null, List.of());
        DataFormat resolved = dataSpec.resolvedFormat();
        boolean encodes = featurizerOptions.encoderName() != null;
        if (encoded != null && !encodes) {
            throw new IllegalArgumentException("--encoded needs --encoder, the encoder its vectors were made with");
        }
        if (encodes && resolved == DataFormat.LETOR) {
            throw new IllegalArgumentException("--encoder applies to text; " + data + " is LETOR (numeric features)");
        }
        Path cache = encodes && embeddingCache == null ? Files.createTempDirectory("rewardcollapse-embeddings")
                : embeddingCache;
        try {
            ResponseFeaturizer featurizer = featurizerOptions.featurizer(cache);
            if (!encodes) {
                // Read and checked before Spark starts.
                return train(stdout, target, trainer, dataSpec.load(featurizer), auto);
            }
            TextEncoder textEncoder = featurizer.encoder().orElseThrow();
            textEncoder.fingerprint(); // reads the encoder's files: a bad one fails before Spark starts
            fillCache(stdout, SparkSession.builder().getOrCreate(), resolved, textEncoder, cache);
            return train(stdout, target, trainer, dataSpec.load(featurizer), auto);
        } catch (InvalidSettingException e) {
            // Refused when the trainer meets the data (an unpenalised feature under a linear utility, say).
            throw new IllegalArgumentException(e.message(SparkTrainJob::optionName), e);
        } finally {
            if (encodes && embeddingCache == null) {
                deleteTree(cache);
            }
        }
    }

    /** The job's option for a trainer setting named in a refusal: train's, but the job has no --policy or --solver. */
    private static String optionName(String setting) {
        return switch (setting) {
            case "policy" -> "--utility";
            case "solver" -> setting;
            default -> OptionNames.option(setting);
        };
    }

    private int train(PrintWriter stdout, Path target, LinearRewardTrainer trainer, RankingDataSource source,
                      boolean auto) throws IOException {
        MutableDataset<Regressor> dataset = new MutableDataset<>(source);
        if (auto) {
            long groups = dataset.getData().stream().map(e -> e.getMetadataValue(source.promptIdKey()).orElse(""))
                    .distinct().count();
            if (groups < 2L * cvFolds) {
                throw new IllegalArgumentException("--l2 auto: " + groups + " prompt groups are too few for "
                        + cvFolds + "-fold cross-validation (it needs " + 2 * cvFolds + "); give --l2 a number");
            }
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkSession.builder().getOrCreate()
                .sparkContext());
        int parts = partitions(context);
        long start = System.nanoTime();
        SparkNewtonTraining training = new SparkNewtonTraining(context, parts, depth);
        Model<Regressor> model;
        String stopped;
        if (ensemble != null) {
            LinearRewardTrainer member = trainer;
            Map<String, Provenance> run = Map.of();
            if (auto) {
                L2Selection.Result selection = training.selectL2(trainer, dataset, L2Selection.NEWTON_CANDIDATES,
                        cvFolds, seed, source.promptIdKey(), source.promptTypeKey());
                stdout.print(selection.table());
                member = (LinearRewardTrainer) L2Selection.withL2(trainer, selection.chosen());
                run = Map.of("l2-selection", new StringProvenance("l2-selection", String.format(Locale.ROOT,
                        "l2 %s chosen by %d-fold cross-validation over prompt groups (seed %d) from %s",
                        selection.chosen(), cvFolds, seed, L2Selection.NEWTON_CANDIDATES)));
            }
            EnsembleRewardModel trained = training.trainEnsemble(new EnsembleRewardTrainer(member, ensemble, true,
                    seed), dataset, source.promptIdKey(), run);
            model = trained;
            stopped = String.format(Locale.ROOT, "%d members on bootstrap resamples, their %d Newton evaluations in "
                    + "%d Spark jobs", ensemble, training.lastEnsembleEvaluations(), training.lastEnsembleJobs());
        } else if (auto) {
            SparkNewtonTraining.Selected selected = training.trainWithSelectedL2(trainer, dataset,
                    L2Selection.NEWTON_CANDIDATES, cvFolds, seed, source.promptIdKey(), source.promptTypeKey());
            stdout.print(selected.selection().table());
            model = selected.model();
            stopped = selected.model().history().stopReason();
        } else {
            RewardModel single = training.train(trainer, dataset);
            model = single;
            stopped = single.history().stopReason();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path work = target.resolveSibling("." + target.getFileName() + ".work-p" + ProcessHandle.current().pid());
        deleteTree(work);
        try {
            Files.createDirectories(work);
            ModelFiles.write(model, work.resolve(MODEL));
            ((ONNXExportable) model).saveONNXModel("org.rewardcollapse", 1, work.resolve(ONNX));
            if (Files.exists(target)) {
                requireReplaceable(target);
                deleteTree(target);
            }
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(work);
        }
        stdout.printf(Locale.ROOT, "trained %s on Spark (%s, %d partitions) in %.1f s: %s%n",
                model.getClass().getSimpleName(), context.master(), parts, seconds, stopped);
        stdout.println("wrote " + target.resolve(MODEL) + " and " + target.resolve(ONNX));
        return 0;
    }

    /** Puts the executors' vectors of the data's texts (encoded now, or by an earlier job) in the driver's cache. */
    private void fillCache(PrintWriter stdout, SparkSession spark, DataFormat resolved, TextEncoder textEncoder,
                           Path cache) {
        long start = System.nanoTime();
        long added;
        if (encoded != null) {
            added = SparkEncoding.loadIntoCache(SparkEncoding.read(spark, encoded), textEncoder, cache);
        } else {
            EncodingSettings settings;
            try {
                settings = new EncodingSettings(featurizerOptions.encoderName(), featurizerOptions.encoderMaxTokens(),
                        featurizerOptions.encoderDevice(), featurizerOptions.encoderThreads(), null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + e.getMessage(), e);
            }
            SparkEncoding.Result result = SparkEncoding.encode(spark, List.of(data.toAbsolutePath().toString()),
                    resolved, settings, partitions(JavaSparkContext.fromSparkContext(spark.sparkContext())));
            try {
                List<Row> bad = result.badRows().limit(1).collectAsList();
                if (!bad.isEmpty()) {
                    throw new IllegalArgumentException(bad.get(0).getString(2));
                }
                added = SparkEncoding.loadIntoCache(result.encoded(), textEncoder, cache);
            } finally {
                result.release();
            }
        }
        stdout.printf(Locale.ROOT, "%,d vectors from the executors in the driver's embedding cache in %.1f s%n", added,
                (System.nanoTime() - start) / 1e9);
    }

    private int partitions(JavaSparkContext context) {
        return partitions != null ? partitions : context.defaultParallelism();
    }

    /** Refuses an output that exists, unless --force and it holds this job's files only. */
    private void requireReplaceable(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!force) {
            throw new IllegalArgumentException("--out " + target + " exists; give --force to replace an earlier output "
                    + "of this job");
        }
        if (!Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + target + " is not a directory; --force replaces only a "
                    + "directory of " + MODEL + " and " + ONNX);
        }
        try (Stream<Path> entries = Files.list(target)) {
            List<String> other = entries.map(p -> p.getFileName().toString()).filter(n -> !WRITTEN.contains(n)).toList();
            if (!other.isEmpty()) {
                throw new IllegalArgumentException("--out " + target + " holds " + other + ", which this job did not "
                        + "write; --force replaces only " + MODEL + " and " + ONNX);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
