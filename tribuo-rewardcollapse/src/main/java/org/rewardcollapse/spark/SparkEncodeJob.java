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

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.rewardcollapse.data.source.DataFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The {@code spark-submit} entry point that encodes data files with a sentence encoder on the executors
 * ({@link SparkEncoding}) and writes the vectors as Parquet ({@value #ENCODED}/, one row per response:
 * {@link EncodedColumns}), the bad rows ({@value SparkScoreJob#BAD_ROWS}/, JSON lines) and the encoder's identity
 * ({@value #ENCODER}; it is also in the embedding column's metadata, in every Parquet file's footer). The output
 * directory is written beside its final place and renamed into it when complete, so a failed job leaves none; a user's
 * mistake is one line and exit status 2, any other failure one line and 1.
 * <pre>
 * spark-submit --class org.rewardcollapse.spark.SparkEncodeJob \
 *     --conf spark.executorEnv.ORT_DISABLE_TELEMETRY=1 rewardcollapse.jar \
 *     --data 'hdfs:///prefs/*.jsonl.gz' --format pairs --encoder minilm --out hdfs:///encoded/prefs
 * </pre>
 */
@Command(name = "spark-encode", mixinStandardHelpOptions = true,
        description = "Encode the prompts and responses of data files with a sentence encoder on Spark; write the "
                + "vectors as Parquet, the bad rows and the encoder's identity.")
public final class SparkEncodeJob implements Callable<Integer> {
    /** The file that marks a directory written by this job (so --force replaces nothing else). */
    public static final String MARKER = "_REWARDCOLLAPSE_ENCODED";
    /** The encoded responses' subdirectory (Parquet). */
    public static final String ENCODED = "encoded";
    /** The encoder's identity (JSON). */
    public static final String ENCODER = "_ENCODER.json";

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Input files (repeat it; any path "
            + "Spark reads, globs included).")
    List<String> data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ranked, pairs, oasst or rollouts (default: "
            + "detected from the first local file's first line).")
    String format;

    @Option(names = "--encoder", required = true, paramLabel = "NAME|DIR", description = "minilm, bge-small, e5-small, "
            + "minilm-q8 or a directory with model.onnx and tokenizer.json that every executor can read (bge-small, "
            + "e5-small and minilm-q8 are read from the local Maven repository of each executor; minilm comes with "
            + "the jar).")
    String encoder;

    @Option(names = "--encoder-max-tokens", defaultValue = "0", paramLabel = "N",
            description = "Tokens per encoder window, in [8, 512] (0: the model's own limit).")
    int maxTokens;

    @Option(names = "--encoder-threads", defaultValue = "0", paramLabel = "T",
            description = "The encoder's threads per executor JVM, shared by its tasks: on the CPU, windows encoded "
                    + "at once, one ONNX Runtime thread each (0: one per core; default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu, cuda, cuda:ID or auto on the executors (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--partitions", paramLabel = "P", description = "Partitions the input lines are spread over "
            + "(default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory.")
    String out;

    @Option(names = "--force", description = "Replace an earlier output of this job at --out (never anything else).")
    boolean force;

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
        return JobErrors.commandLine(new SparkEncodeJob(), "spark-encode");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, found " + partitions);
        }
        EncodingSettings settings;
        try {
            settings = new EncodingSettings(encoder, maxTokens, device, threads, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage().replaceFirst("^encoder max tokens",
                    "encoder-max-tokens").replaceFirst("^encoder threads", "encoder-threads"), e);
        }
        String inputFormat = SparkScoreJob.inputFormat(format, data);
        if (inputFormat.equals("parquet")) {
            throw new IllegalArgumentException("spark-encode reads the JSONL formats (ranked, pairs, oasst, rollouts), "
                    + "not parquet");
        }
        EncodingSettings.Resolved resolved;
        try {
            resolved = settings.resolved();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
        SparkSession spark = session();
        Path target = new Path(out);
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        JobOutput output = new JobOutput(fs, target, MARKER, Set.of(ENCODER), Set.of(ENCODED, SparkScoreJob.BAD_ROWS));
        output.requireReplaceable(force);
        output.removeStaleWork();
        Path work = output.newWorkDirectory();
        int parts = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        long start = System.nanoTime();
        SparkEncoding.Result result = SparkEncoding.encode(spark, data, DataFormat.fromName(inputFormat),
                resolved.settings(), parts);
        try {
            if (!inputFormat.equals(DataFormat.ROLLOUTS.formatName())) {
                SparkScoring.requireUniqueResponses(result.encoded());
            }
            result.encoded().write().mode(SaveMode.ErrorIfExists).parquet(new Path(work, ENCODED).toString());
            result.badRows().write().mode(SaveMode.ErrorIfExists).json(new Path(work, SparkScoreJob.BAD_ROWS)
                    .toString());
            long encoded = result.encoded().count();
            long badCount = result.badRows().count();
            List<Row> bad = result.badRows().orderBy(ScoreColumns.FILE, ScoreColumns.LINE).limit(5).collectAsList();
            double seconds = (System.nanoTime() - start) / 1e9;
            write(fs, new Path(work, ENCODER), result.identity().toJson().toPrettyString() + "\n");
            write(fs, new Path(work, MARKER), "vectors of " + String.join(", ", data) + " by "
                    + result.identity().description() + "\n");
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(work, target)) {
                throw new IOException("cannot move " + work + " to " + target);
            }
            stdout.printf(Locale.ROOT, "encoded %,d responses with their prompts in %.1f s (%,.1f responses/s, %d "
                    + "partitions); %,d bad input lines%n", encoded, seconds, encoded / seconds, parts, badCount);
            bad.forEach(row -> stdout.println("  bad: " + row.getString(2)));
            stdout.println("encoder: " + result.identity().description());
            stdout.println("wrote " + target);
            return 0;
        } finally {
            result.release();
            if (fs.exists(work)) {
                fs.delete(work, true);
            }
        }
    }

    private static void write(FileSystem fs, Path file, String text) throws IOException {
        try (OutputStream stream = fs.create(file, false)) {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder().appName("rewardcollapse encode");
        if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        return builder.getOrCreate();
    }
}
