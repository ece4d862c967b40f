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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.PromptTypeRules;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.ReportJson;
import org.rewardcollapse.eval.ReportTable;
import org.rewardcollapse.experiment.RecordedTraining;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code spark-submit} entry point: scores data files with an exported reward model on the cluster, writes the
 * scores (Parquet or JSON lines) and the bad rows, and with {@code --evaluate} the ranking report
 * ({@code metrics.json}, the same as {@code evaluate}'s). The output directory is written beside its final place and
 * renamed into it when complete, so a failed job leaves none.
 * <pre>
 * spark-submit --class org.rewardcollapse.spark.SparkScoreJob \
 *     --conf spark.executorEnv.ORT_DISABLE_TELEMETRY=1 rewardcollapse.jar \
 *     --onnx reward.onnx --data hdfs:///rollouts/part-*.jsonl.gz --format pairs --out hdfs:///scores/it-12 --evaluate
 * </pre>
 */
@Command(name = "spark-score", mixinStandardHelpOptions = true,
        description = "Score data files with an exported reward model on Spark; write the scores, the bad rows and, with "
                + "--evaluate, metrics.json.")
public final class SparkScoreJob implements Callable<Integer> {
    /** The file that marks a directory written by this job (so --force replaces nothing else). */
    public static final String MARKER = "_REWARDCOLLAPSE_SCORES";
    /** The scores' subdirectory. */
    public static final String SCORES = "scores";
    /** The bad rows' subdirectory (JSON lines). */
    public static final String BAD_ROWS = "bad-rows";
    /** The report. */
    public static final String METRICS = "metrics.json";

    @Option(names = "--onnx", required = true, paramLabel = "M.onnx", description = "The exported reward model: a "
            + "local path or any Hadoop filesystem URI (file:, hdfs:, s3a:, ...), read once on the driver.")
    String onnx;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Input files (repeat it; any path "
            + "Spark reads, globs included).")
    List<String> data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ranked, pairs, oasst, rollouts or parquet (default: "
            + "parquet for .parquet paths, else detected from the first local file's first line).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory.")
    String out;

    @Option(names = "--out-format", defaultValue = "parquet", paramLabel = "F",
            description = "parquet or jsonl for the scores (default: ${DEFAULT-VALUE}).")
    String outFormat;

    @Option(names = "--force", description = "Replace an earlier output of this job at --out (never anything else).")
    boolean force;

    @Option(names = "--evaluate", description = "Also compute the ranking report of the scores (needs the data's "
            + "scores) and write metrics.json.")
    boolean evaluate;

    @Option(names = "--ndcg-k", defaultValue = "10", paramLabel = "K", description = "NDCG cut-off (default: ${DEFAULT-VALUE}).")
    int ndcgK;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
            description = "Rows per ONNX Runtime call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--ort-threads", defaultValue = "1", paramLabel = "T",
            description = "ONNX Runtime threads per executor JVM, shared by its tasks (default: ${DEFAULT-VALUE}; "
                    + "every core already runs a task).")
    int ortThreads;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu, cuda, cuda:ID or auto on the executors (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--type-rule", paramLabel = "TYPE=REGEX", description = "Prompt-type rules for prompts without a "
            + "type (default: the rules the model trained with).")
    List<String> typeRules = new ArrayList<>();

    @Option(names = "--embedding-cache", paramLabel = "DIR", description = "A directory on every executor where a "
            + "sentence encoder caches its vectors (default: none; nothing is written in a node's home directory).")
    String embeddingCache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the job and stops Spark.
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
        return JobErrors.commandLine(new SparkScoreJob(), "spark-score");
    }

    /**
     * The innermost cause that says what went wrong: a user's mistake if there is one in the chain, else the root.
     * @param thrown What was thrown.
     * @return The cause.
     */
    static Throwable cause(Throwable thrown) {
        return JobErrors.cause(thrown);
    }

    /** Checks the options that need no file, before anything starts. */
    private void checkOptions() {
        if (ndcgK < 1) {
            throw new IllegalArgumentException("--ndcg-k must be >= 1, found " + ndcgK);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, found " + batchSize);
        }
        if (ortThreads < 0 || ortThreads > ScoringSettings.MAX_THREADS) {
            throw new IllegalArgumentException("--ort-threads must be in [0, " + ScoringSettings.MAX_THREADS
                    + "], found " + ortThreads);
        }
        if (!outFormat.equalsIgnoreCase("parquet") && !outFormat.equalsIgnoreCase("jsonl")) {
            throw new IllegalArgumentException("--out-format must be parquet or jsonl, found '" + outFormat + "'");
        }
        try {
            Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
        PromptTypeRules.parse(typeRules);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        checkOptions();
        String inputFormat = inputFormat(format, data);
        byte[] model = readModel();
        ScoringSettings settings;
        RankingReport.Normalisation normalisation;
        org.rewardcollapse.utility.UtilityByType utilities;
        // The model is opened here first, with the job's batch size, and its featuriser and type rules rebuilt, so
        // that a bad setting or crafted metadata is one line now rather than a stage failure on every executor.
        try (OnnxRewardScorer local = OnnxRewardScorer.open(model, modelName(), Device.CPU, batchSize, 1)) {
            List<String> rules = typeRules.isEmpty() ? recordedTypeRules(local) : typeRules;
            PromptTypeRules.parse(rules);
            local.metadata().rebuildFeaturizer(EncoderSetup.RECORDED);
            settings = new ScoringSettings(new org.apache.hadoop.fs.Path(onnx).getName(), null, device, batchSize,
                    ortThreads, rules, embeddingCache);
            normalisation = RankingReport.Normalisation.of(local.metadata().head());
            utilities = local.metadata().utilityByType();
        }
        SparkSession spark = session();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(out);
        FileSystem fs = target.getFileSystem(hadoop);
        JobOutput output = new JobOutput(fs, target);
        output.requireReplaceable(force);
        output.removeStaleWork();
        org.apache.hadoop.fs.Path work = output.newWorkDirectory();
        long start = System.nanoTime();
        SparkScoring.Result result;
        try {
            result = inputFormat.equals("parquet") ? SparkScoring.scoreParquet(spark, data, model, settings)
                    : SparkScoring.scoreJsonl(spark, data, DataFormat.fromName(inputFormat), model, settings, evaluate);
        } catch (Exception e) {
            // Scala throws AnalysisException undeclared: a path that does not exist, or a file Spark cannot read as the
            // format, is the user's to fix.
            if (e instanceof org.apache.spark.sql.AnalysisException analysis) {
                throw new IllegalArgumentException(analysis.getSimpleMessage(), e);
            }
            throw e;
        }
        try {
            if (!inputFormat.equals(DataFormat.ROLLOUTS.formatName())) {
                SparkScoring.requireUniqueResponses(result.scores());
            }
            var writer = result.scores().write().mode(SaveMode.ErrorIfExists);
            if (outFormat.equalsIgnoreCase("jsonl")) {
                writer.json(new org.apache.hadoop.fs.Path(work, SCORES).toString());
            } else {
                writer.parquet(new org.apache.hadoop.fs.Path(work, SCORES).toString());
            }
            result.badRows().write().mode(SaveMode.ErrorIfExists).json(new org.apache.hadoop.fs.Path(work, BAD_ROWS)
                    .toString());
            long scored = result.scores().count();
            List<Row> bad = result.badRows().orderBy(ScoreColumns.FILE, ScoreColumns.LINE).limit(5).collectAsList();
            long badCount = result.badRows().count();
            double seconds = (System.nanoTime() - start) / 1e9;
            stdout.printf(Locale.ROOT, "scored %,d responses in %.1f s (%,.0f responses/s); %,d bad input lines%n",
                    scored, seconds, scored / seconds, badCount);
            bad.forEach(row -> stdout.println("  bad: " + row.getString(2)));
            if (evaluate) {
                RankingReport report = SparkEvaluation.evaluate(result.scores(), ndcgK, normalisation, utilities);
                ObjectNode json = ReportJson.of(report);
                json.put("bad_rows", badCount);
                write(fs, new org.apache.hadoop.fs.Path(work, METRICS), json.toPrettyString());
                stdout.print(ReportTable.of(report));
            }
            write(fs, new org.apache.hadoop.fs.Path(work, MARKER), "scores of " + String.join(", ", data) + " by "
                    + onnx + "\n");
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(work, target)) {
                throw new IOException("cannot move " + work + " to " + target);
            }
            stdout.println("wrote " + target);
            return 0;
        } finally {
            result.release();
            if (fs.exists(work)) {
                fs.delete(work, true);
            }
        }
    }

    /** The model's bytes, from any Hadoop filesystem: read before Spark starts, with spark-submit's Hadoop settings. */
    private byte[] readModel() {
        Configuration hadoop = new Configuration();
        for (scala.Tuple2<String, String> setting : new org.apache.spark.SparkConf().getAllWithPrefix("spark.hadoop.")) {
            hadoop.set(setting._1(), setting._2());
        }
        return SparkModel.readBytes(hadoop, onnx);
    }

    /** The model's name in messages: the path as given (a URI's path on a Hadoop filesystem). */
    private Path modelName() {
        java.net.URI uri = new org.apache.hadoop.fs.Path(onnx).toUri();
        return Path.of(uri.getScheme() == null ? onnx : uri.getPath());
    }

    private static List<String> recordedTypeRules(OnnxRewardScorer model) {
        try {
            return RecordedTraining.typeRules(model.provenance());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * The input's format: the one given, or parquet for .parquet paths, else the one detected from the first local
     * file's first line.
     * @param format The format given, or null.
     * @param data The input paths.
     * @return The format's name.
     * @throws IllegalArgumentException For LETOR, an unknown name, or a remote input without a format.
     */
    static String inputFormat(String format, List<String> data) {
        if (format != null) {
            String name = format.strip().toLowerCase(Locale.ROOT);
            if (name.equals("parquet")) {
                return name;
            }
            DataFormat parsed = DataFormat.fromName(name);
            if (parsed == DataFormat.LETOR) {
                throw new IllegalArgumentException("--format letor is not read on Spark: give ranked, pairs, oasst, "
                        + "rollouts or parquet");
            }
            return parsed.formatName();
        }
        String first = data.get(0);
        if (first.endsWith(".parquet") || first.endsWith(".parquet/")) {
            return "parquet";
        }
        if (first.contains("://") && !first.startsWith("file:")) {
            throw new IllegalArgumentException("--format is needed for " + first + " (the format is detected only "
                    + "from a local file)");
        }
        // A local glob or directory: the format of its first file.
        String file = InputFiles.expand(new Configuration(), List.of(first)).get(0);
        Path local = Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file);
        if (file.endsWith(".parquet")) {
            return "parquet";
        }
        return DataFormat.detect(local).formatName();
    }

    private static void write(FileSystem fs, org.apache.hadoop.fs.Path file, String text) throws IOException {
        try (OutputStream stream = fs.create(file, false)) {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder().appName("rewardcollapse score");
        if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        return builder.getOrCreate();
    }
}
