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

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.JsonlLineParser;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * Scores data files on Spark with an exported reward model: the model's bytes are broadcast once, each executor JVM
 * opens one ONNX Runtime session for all its tasks ({@link ExecutorModel}), and every input line (a JSONL line, or a
 * Parquet row) is either scored or reported as a bad row naming its file and line; none is dropped silently.
 * <p>
 * Inputs: the project's JSONL formats (ranked, pairs, OpenAssistant trees; gzip by the {@code .gz} extension), one line
 * at a time through the format's own parser; or Parquet with one response per row: {@code prompt_id},
 * {@code response_index} and either {@code response} (text, with {@code prompt}; the model's featuriser runs on the
 * executors) or {@code features} (an array of the model's width, in its column order), and optionally {@code score}
 * and {@code prompt_type}.
 */
public final class SparkScoring {
    /** The Parquet columns of a text row. */
    public static final String PROMPT = "prompt";
    /** The Parquet column of a response's text. */
    public static final String RESPONSE = "response";
    /** The Parquet column of dense features. */
    public static final String FEATURES = "features";
    static final StructType OUTCOMES = new StructType(new StructField[]{
            DataTypes.createStructField("bad", DataTypes.BooleanType, false),
            DataTypes.createStructField(ScoreColumns.FILE, DataTypes.StringType, false),
            DataTypes.createStructField(ScoreColumns.LINE, DataTypes.LongType, false),
            DataTypes.createStructField(ScoreColumns.PROMPT_ID, DataTypes.StringType, true),
            DataTypes.createStructField(ScoreColumns.RESPONSE_INDEX, DataTypes.IntegerType, true),
            DataTypes.createStructField(ScoreColumns.PROMPT_TYPE, DataTypes.StringType, true),
            DataTypes.createStructField(ScoreColumns.SCORE, DataTypes.DoubleType, true),
            DataTypes.createStructField(ScoreColumns.RESPONSE_LENGTH, DataTypes.IntegerType, true),
            DataTypes.createStructField(ScoreColumns.REWARD, DataTypes.DoubleType, true),
            DataTypes.createStructField(ScoreColumns.REWARD_STD, DataTypes.DoubleType, true),
            DataTypes.createStructField(ScoreColumns.ERROR, DataTypes.StringType, true)});

    /**
     * What scoring produced, computed once (persisted) and read twice.
     *
     * @param scores One row per scored response ({@link ScoreColumns#SCORES}; an ensemble's,
     *               {@link ScoreColumns#ENSEMBLE_SCORES}, with the standard deviation of its members' rewards).
     * @param badRows One row per bad input line ({@link ScoreColumns#BAD_ROWS}).
     * @param outcomes Both, persisted; {@link #release()} frees them.
     */
    public record Result(Dataset<Row> scores, Dataset<Row> badRows, Dataset<Row> outcomes) {
        /**
         * Frees the persisted outcomes.
         */
        public void release() {
            outcomes.unpersist();
        }
    }

    private SparkScoring() {}

    /**
     * Scores JSONL files.
     * @param spark The session.
     * @param files The files (any path Spark reads).
     * @param format Their format: ranked, pairs, OpenAssistant trees or rollouts (each line a group of its own).
     * @param model The exported model's bytes.
     * @param settings How to score.
     * @param labelsRequired Must every response carry a label (to evaluate the scores); false scores unlabelled
     *                       responses too (their score column is null).
     * @return The scores and the bad rows.
     */
    public static Result scoreJsonl(SparkSession spark, List<String> files, DataFormat format, byte[] model,
                                    ScoringSettings settings, boolean labelsRequired) {
        JsonlLineParser parser = new JsonlLineParser(format, labelsRequired);
        ScoringSettings checked = settings.forModel(model);
        List<String> inputs = InputFiles.expand(spark.sparkContext().hadoopConfiguration(), files);
        Broadcast<byte[]> bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
        JavaRDD<Row> lines = null;
        for (String file : inputs) {
            // zipWithIndex numbers the lines of a file across its partitions, so errors name the real line.
            JavaRDD<Row> numbered = spark.read().text(file).javaRDD().zipWithIndex()
                    .map(t -> RowFactory.create(file, t._2() + 1, t._1().getString(0)));
            lines = lines == null ? numbered : lines.union(numbered);
        }
        JavaRDD<Row> outcomes = acrossCores(spark, lines).mapPartitions(partition -> ExecutorModel.get(checked, bytes.value())
                .scoreLines(partition, parser));
        return result(spark, outcomes, SparkModel.givesSpread(model));
    }

    /**
     * Scores Parquet files of one response per row.
     * @param spark The session.
     * @param files The files.
     * @param model The exported model's bytes.
     * @param settings How to score.
     * @return The scores and the bad rows.
     * @throws IllegalArgumentException If a file lacks the columns, naming the file and the columns it has.
     */
    public static Result scoreParquet(SparkSession spark, List<String> files, byte[] model,
                                      ScoringSettings settings) {
        ScoringSettings checked = settings.forModel(model);
        List<String> inputs = InputFiles.expand(spark.sparkContext().hadoopConfiguration(), files);
        Broadcast<byte[]> bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
        JavaRDD<Row> rows = null;
        for (String file : inputs) {
            Dataset<Row> frame = spark.read().parquet(file);
            Set<String> columns = Set.of(frame.columns());
            if (!columns.contains(ScoreColumns.PROMPT_ID) || !columns.contains(ScoreColumns.RESPONSE_INDEX)
                    || !(columns.contains(RESPONSE) || columns.contains(FEATURES))) {
                throw new IllegalArgumentException(file + ": a Parquet input needs the columns prompt_id, "
                        + "response_index and response (text) or features; it has " + Arrays.toString(frame.columns()));
            }
            JavaRDD<Row> numbered = frame.javaRDD().zipWithIndex()
                    .map(t -> RowFactory.create(file, t._2() + 1, t._1()));
            rows = rows == null ? numbered : rows.union(numbered);
        }
        JavaRDD<Row> outcomes = acrossCores(spark, rows).mapPartitions(partition -> ExecutorModel.get(checked, bytes.value())
                .scoreParquetRows(partition));
        return result(spark, outcomes, SparkModel.givesSpread(model));
    }

    /**
     * Input read into fewer partitions than the session has cores (a gzipped file is read whole, into one) spread
     * round-robin over the session's default parallelism: parsing, featurising and scoring a line cost far more than
     * its trip through a shuffle. Lines are numbered before, so each keeps its file and line.
     * @param spark The session.
     * @param rows The numbered input rows.
     * @return The rows, in at least the session's default parallelism of partitions.
     */
    static JavaRDD<Row> acrossCores(SparkSession spark, JavaRDD<Row> rows) {
        int cores = spark.sparkContext().defaultParallelism();
        return rows.getNumPartitions() < cores ? rows.repartition(cores) : rows;
    }

    private static Result result(SparkSession spark, JavaRDD<Row> outcomes, boolean ensemble) {
        Dataset<Row> all = spark.createDataFrame(outcomes, OUTCOMES).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> scores = all.filter(col("bad").equalTo(false)).select(
                Arrays.stream((ensemble ? ScoreColumns.ENSEMBLE_SCORES : ScoreColumns.SCORES).fieldNames()).map(name -> col(name)).toArray(org.apache.spark.sql.Column[]::new));
        Dataset<Row> bad = all.filter(col("bad").equalTo(true)).select(col(ScoreColumns.FILE), col(ScoreColumns.LINE),
                col(ScoreColumns.ERROR));
        return new Result(scores, bad, all);
    }

    /**
     * Refuses scores in which one prompt's response appears twice (two lines or files giving the same prompt id), as
     * the command line refuses a repeated id: the scores could not be told apart, and an evaluation would fail.
     * @param scores The scores.
     * @throws IllegalArgumentException Naming the prompt and two of its lines.
     */
    public static void requireUniqueResponses(Dataset<Row> scores) {
        List<Row> repeated = scores.groupBy(col(ScoreColumns.PROMPT_ID), col(ScoreColumns.RESPONSE_INDEX))
                .agg(count(lit(1)).as("n"), min(concat_ws(", line ", col(ScoreColumns.FILE),
                        col(ScoreColumns.LINE).cast("string"))).as("first"), max(concat_ws(", line ",
                        col(ScoreColumns.FILE), col(ScoreColumns.LINE).cast("string"))).as("last"))
                .filter(col("n").gt(1)).limit(1).collectAsList();
        if (!repeated.isEmpty()) {
            Row r = repeated.get(0);
            throw new IllegalArgumentException("prompt '" + r.getString(0) + "', response " + r.getInt(1) + " is given "
                    + r.getLong(2) + " times (" + r.getString(3) + " and " + r.getString(4) + "): a prompt id names one "
                    + "prompt; give each its own id");
        }
    }

    /** An outcome row of a response scored by a single model. */
    static Row scored(String file, long line, String promptId, int responseIndex, String promptType, Double score,
                      Integer length, double reward) {
        return scored(file, line, promptId, responseIndex, promptType, score, length, reward, null);
    }

    /** An outcome row of a scored response, with an ensemble's standard deviation (null for a single model). */
    static Row scored(String file, long line, String promptId, int responseIndex, String promptType, Double score,
                      Integer length, double reward, Double rewardStd) {
        return RowFactory.create(false, file, line, promptId, responseIndex, promptType, score, length, reward,
                rewardStd, null);
    }

    /** An outcome row of a bad line. */
    static Row bad(String file, long line, String error) {
        return RowFactory.create(true, file, line, null, null, null, null, null, null, null, error);
    }
}
