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

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * An exported reward model's rewards as columns of a user's own DataFrame: {@link #transform} keeps every column and
 * row of its input, in order and in the same partitions, and adds {@code reward} and, for an ensemble,
 * {@code reward_std} (the standard deviation of its members' rewards), computed from a prompt and a response column of
 * text. It is the Spark ML {@code Transformer} pattern without the spark-mllib dependency, so it runs wherever
 * spark-sql does (a Pipeline stage can wrap it); {@link RewardUdf} registers the same scoring as a SQL function.
 * <p>
 * The model is read once on the driver from any Hadoop filesystem ({@link SparkModel}: {@code file:}, {@code hdfs:},
 * {@code s3a:}, ...) and checked there, its bytes broadcast once, and each executor JVM opens it once, for all its
 * tasks, as {@link SparkScoring} does ({@link ExecutorModel}); the featuriser (hashed words or the sentence encoder) is
 * rebuilt from the model's metadata, as {@code score} does, and each row is scored as a prompt with one response. A
 * null response gets null rewards; a null prompt is a response without one. A row that cannot be scored (a text that
 * does not fit the model) fails the job with an error naming the row. Instances are immutable; the {@code with}
 * methods return changed copies sharing the broadcast model.
 * <pre>
 * SparkRewards rewards = SparkRewards.load(spark, "hdfs:///models/reward.onnx");
 * Dataset&lt;Row&gt; scored = rewards.transform(answers);   // answers: prompt, response, ... -&gt; ..., reward[, reward_std]
 * </pre>
 */
public final class SparkRewards {
    /** The default prompt column. */
    public static final String PROMPT = "prompt";
    /** The default response column. */
    public static final String RESPONSE = "response";

    private final SparkModel model;
    private final ScoringSettings settings;
    private final Broadcast<byte[]> bytes;
    private final String promptColumn;
    private final String responseColumn;
    private final String rewardColumn;
    private final String stdColumn;

    private SparkRewards(SparkModel model, ScoringSettings settings, Broadcast<byte[]> bytes, String promptColumn,
                         String responseColumn, String rewardColumn, String stdColumn) {
        this.model = model;
        this.settings = settings;
        this.bytes = bytes;
        this.promptColumn = promptColumn;
        this.responseColumn = responseColumn;
        this.rewardColumn = rewardColumn;
        this.stdColumn = stdColumn;
    }

    /**
     * Reads a model with the default settings: CPU, 256 rows per ONNX Runtime call, one ONNX Runtime thread per
     * executor JVM (every core already runs a task), no embedding cache.
     * @param spark The session (its Hadoop configuration resolves the path).
     * @param modelPath The exported {@code .onnx} model: a local path or any Hadoop filesystem URI.
     * @return The rewards of the model, reading {@value #PROMPT} and {@value #RESPONSE} and writing
     *         {@value ScoreColumns#REWARD} (and {@value ScoreColumns#REWARD_STD} for an ensemble).
     * @throws IllegalArgumentException If the path cannot be read or is not a reward model this project exported,
     *                                  naming the path.
     */
    public static SparkRewards load(SparkSession spark, String modelPath) {
        return load(spark, modelPath, new ScoringSettings(null, null, "cpu", 256, 1, List.of()));
    }

    /**
     * Reads a model with settings of its own.
     * @param spark The session.
     * @param modelPath The exported {@code .onnx} model: a local path or any Hadoop filesystem URI.
     * @param settings The device, batch size, ONNX Runtime threads and embedding cache of the executors (the model's
     *                 name and hash in them are filled in from the file; type rules do not change rewards).
     * @return The rewards of the model.
     * @throws IllegalArgumentException If the path cannot be read or is not a reward model, naming the path, or the
     *                                  settings name another model by its hash.
     */
    public static SparkRewards load(SparkSession spark, String modelPath, ScoringSettings settings) {
        SparkModel model = SparkModel.read(spark.sparkContext().hadoopConfiguration(), modelPath);
        if (!model.scoresText()) {
            throw new IllegalArgumentException(modelPath + ": the model scores numeric features, not text (was it "
                    + "trained on LETOR?); score its Parquet rows of features with SparkScoring.scoreParquet");
        }
        ScoringSettings named = new ScoringSettings(model.name(), settings.modelSha256(), settings.device(),
                settings.batchSize(), settings.ortThreads(), settings.typeRules(), settings.embeddingCache())
                .forModel(model.bytes());
        Broadcast<byte[]> bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model.bytes());
        return new SparkRewards(model, named, bytes, PROMPT, RESPONSE, ScoreColumns.REWARD, ScoreColumns.REWARD_STD);
    }

    /**
     * These rewards read from other columns.
     * @param prompt The prompt column (string), or null to score responses without a prompt.
     * @param response The response column (string).
     * @return A copy reading those columns.
     */
    public SparkRewards withInputColumns(String prompt, String response) {
        requireName(response, "the response column");
        return new SparkRewards(model, settings, bytes, prompt, response, rewardColumn, stdColumn);
    }

    /**
     * These rewards written to other columns.
     * @param reward The reward column.
     * @param rewardStd The column of an ensemble's standard deviation (unused for a single model).
     * @return A copy writing those columns.
     */
    public SparkRewards withOutputColumns(String reward, String rewardStd) {
        requireName(reward, "the reward column");
        requireName(rewardStd, "the reward_std column");
        if (reward.equals(rewardStd)) {
            throw new IllegalArgumentException("the reward and reward_std columns need two names, found '" + reward
                    + "' twice");
        }
        return new SparkRewards(model, settings, bytes, promptColumn, responseColumn, reward, rewardStd);
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " needs a name");
        }
    }

    /**
     * The schema of the output: the input's columns, then the reward's and, for an ensemble, its standard deviation's
     * (both doubles, null for a null response).
     * @param input The input's schema.
     * @return The output's schema.
     * @throws IllegalArgumentException If an input column is missing or not a string, or an output column exists,
     *                                  naming it and the columns there are (names are matched as Spark matches them:
     *                                  ignoring case unless {@code spark.sql.caseSensitive} is set).
     */
    public StructType transformSchema(StructType input) {
        for (String column : promptColumn == null ? List.of(responseColumn) : List.of(promptColumn, responseColumn)) {
            String found = resolve(input, column);
            if (found == null) {
                throw new IllegalArgumentException("no column '" + column + "' to score; the DataFrame has "
                        + Arrays.asList(input.fieldNames()));
            }
            if (!input.apply(found).dataType().equals(DataTypes.StringType)) {
                throw new IllegalArgumentException("column '" + found + "' is " + input.apply(found).dataType()
                        .simpleString() + "; rewards are computed from strings");
            }
        }
        StructType output = input;
        for (String column : outputColumns()) {
            String found = resolve(input, column);
            if (found != null) {
                throw new IllegalArgumentException("the DataFrame already has a column '" + found + "'; name the "
                        + "output columns with withOutputColumns");
            }
            output = output.add(column, DataTypes.DoubleType, true);
        }
        return output;
    }

    /**
     * The input's column a name refers to, as Spark resolves it: the exact name, else, unless
     * {@code spark.sql.caseSensitive} is set, the one column equal to it ignoring case.
     * @return The column's name in the input, or null if there is none.
     * @throws IllegalArgumentException If several columns equal the name ignoring case and none exactly.
     */
    private static String resolve(StructType input, String column) {
        List<String> names = Arrays.asList(input.fieldNames());
        if (names.contains(column)) {
            return column;
        }
        if (SQLConf.get().caseSensitiveAnalysis()) {
            return null;
        }
        List<String> folded = names.stream().filter(name -> name.equalsIgnoreCase(column)).toList();
        if (folded.size() > 1) {
            throw new IllegalArgumentException("column '" + column + "' is ambiguous: the DataFrame has " + folded);
        }
        return folded.isEmpty() ? null : folded.get(0);
    }

    /**
     * Adds the reward columns to a DataFrame. Lazy, as every Spark transformation: the model scores when an action
     * runs.
     * @param input The DataFrame, with the prompt and response columns.
     * @return The DataFrame with the reward (and, for an ensemble, reward_std) columns added.
     * @throws IllegalArgumentException See {@link #transformSchema}.
     */
    public Dataset<Row> transform(Dataset<?> input) {
        Dataset<Row> rows = input.toDF();
        StructType schema = transformSchema(rows.schema());
        int prompt = promptColumn == null ? -1 : rows.schema().fieldIndex(resolve(rows.schema(), promptColumn));
        int response = rows.schema().fieldIndex(resolve(rows.schema(), responseColumn));
        return rows.mapPartitions(new ScorePartition(settings, bytes, prompt, response, responseColumn,
                model.isEnsemble()), Encoders.row(schema));
    }

    /**
     * The columns this adds.
     * @return The reward column and, for an ensemble, the reward_std column.
     */
    public List<String> outputColumns() {
        return model.isEnsemble() ? List.of(rewardColumn, stdColumn) : List.of(rewardColumn);
    }

    /**
     * The model.
     * @return The model as read on the driver.
     */
    public SparkModel model() {
        return model;
    }

    /** The settings the executors open the model with (its hash filled in). */
    ScoringSettings settings() {
        return settings;
    }

    /** The broadcast model bytes. */
    Broadcast<byte[]> broadcast() {
        return bytes;
    }

    @Override
    public String toString() {
        return "SparkRewards(" + model.path() + ": " + (promptColumn == null ? "" : promptColumn + ", ")
                + responseColumn + " -> " + String.join(", ", outputColumns()) + ")";
    }

    /** Scores a partition's rows, a chunk at a time, each row followed by its rewards. */
    private static final class ScorePartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ScoringSettings settings;
        private final Broadcast<byte[]> bytes;
        private final int prompt;
        private final int response;
        private final String responseName;
        private final boolean ensemble;

        ScorePartition(ScoringSettings settings, Broadcast<byte[]> bytes, int prompt, int response,
                       String responseName, boolean ensemble) {
            this.settings = settings;
            this.bytes = bytes;
            this.prompt = prompt;
            this.response = response;
            this.responseName = responseName;
            this.ensemble = ensemble;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            ExecutorModel executorModel = ExecutorModel.get(settings, bytes.value());
            return new ChunkedRows(rows, chunk -> score(executorModel, chunk));
        }

        private List<Row> score(ExecutorModel executorModel, List<Row> chunk) {
            List<Integer> scored = new ArrayList<>(chunk.size());
            List<String> prompts = new ArrayList<>(chunk.size());
            List<String> responses = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                Row row = chunk.get(i);
                if (!row.isNullAt(response)) {
                    scored.add(i);
                    prompts.add(prompt < 0 || row.isNullAt(prompt) ? null : row.getString(prompt));
                    responses.add(row.getString(response));
                }
            }
            double[][] rewards = executorModel.scoreTexts(prompts, responses, k -> "the row whose " + responseName
                    + " is '" + excerpt(responses.get(k)) + "'");
            int extra = ensemble ? 2 : 1;
            List<Row> out = new ArrayList<>(chunk.size());
            for (int i = 0, k = 0; i < chunk.size(); i++) {
                Row row = chunk.get(i);
                Object[] values = new Object[row.size() + extra];
                for (int c = 0; c < row.size(); c++) {
                    values[c] = row.get(c);
                }
                if (k < scored.size() && scored.get(k) == i) {
                    values[row.size()] = rewards[0][k];
                    if (ensemble) {
                        values[row.size() + 1] = rewards[1][k];
                    }
                    k++;
                }
                out.add(RowFactory.create(values));
            }
            return out;
        }

        private static String excerpt(String text) {
            String line = text.strip().replaceAll("\\s+", " ");
            return line.length() > 60 ? line.substring(0, 60) + "..." : line;
        }
    }
}
