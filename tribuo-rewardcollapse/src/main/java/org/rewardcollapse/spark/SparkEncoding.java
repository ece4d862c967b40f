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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.rewardcollapse.data.features.TextEncoder;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.JsonlLineParser;
import org.rewardcollapse.text.EmbeddingCache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * Encodes the prompts and responses of data files with a sentence encoder on Spark's executors: each executor JVM makes
 * the encoder once ({@link ExecutorEncoder}, one ONNX Runtime session for all its tasks) and its vectors are the
 * single-machine {@code OnnxTextEncoder}'s (each window is encoded on its own, whatever is encoded beside it). The
 * result has one row per response ({@link EncodedColumns}): its group, label, length features and the vectors of the
 * response and its prompt under their texts' {@link EmbeddingCache} keys, with the encoder's identity in the embedding
 * column's metadata, so that a local run can take the vectors into its cache ({@link #loadIntoCache}) instead of
 * encoding again.
 * <p>
 * Inputs are the project's JSONL formats (gzip by the {@code .gz} extension), each file's lines numbered as read and
 * then spread over the cluster, so a large or gzipped file (which Spark reads as one partition) is not encoded on one
 * core. A bad line is a bad row naming its file and line, never dropped silently.
 */
public final class SparkEncoding {
    private static final int LOAD_BATCH = 4096;

    /**
     * What encoding produced, computed once (persisted) and read twice.
     *
     * @param encoded One row per response ({@link EncodedColumns#schema}).
     * @param badRows One row per bad input line ({@link ScoreColumns#BAD_ROWS}).
     * @param identity The encoder.
     * @param outcomes Both, persisted; {@link #release()} frees them.
     */
    public record Result(Dataset<Row> encoded, Dataset<Row> badRows, EncoderIdentity identity, Dataset<Row> outcomes) {
        /**
         * Frees the persisted outcomes.
         */
        public void release() {
            outcomes.unpersist();
        }
    }

    private SparkEncoding() {}

    /**
     * Encodes JSONL files on the executors.
     * @param spark The session.
     * @param files The files (any path Spark reads; globs and directories are expanded).
     * @param format Their format: ranked, pairs, OpenAssistant trees or rollouts.
     * @param settings The encoder (resolved on the driver first, so a bad name fails here in one line).
     * @param partitions How many partitions the lines are spread over (at least 1).
     * @return The encoded responses and the bad rows.
     * @throws IllegalArgumentException For a bad encoder, format, partition count or a path that matches no file.
     */
    public static Result encode(SparkSession spark, List<String> files, DataFormat format, EncodingSettings settings,
                                int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, found " + partitions);
        }
        JsonlLineParser parser = new JsonlLineParser(format, false);
        EncodingSettings.Resolved resolved = settings.resolved();
        EncodingSettings checked = resolved.settings();
        List<String> inputs = InputFiles.expand(spark.sparkContext().hadoopConfiguration(), files);
        JavaRDD<Row> lines = null;
        for (String file : inputs) {
            // zipWithIndex numbers the lines of a file across its partitions, so errors name the real line.
            JavaRDD<Row> numbered = spark.read().text(file).javaRDD().zipWithIndex()
                    .map(t -> RowFactory.create(file, t._2() + 1, t._1().getString(0)));
            lines = lines == null ? numbered : lines.union(numbered);
        }
        JavaRDD<Row> outcomes = lines.repartition(partitions).mapPartitions(partition -> ExecutorEncoder.get(checked)
                .encodeLines(partition, parser));
        Dataset<Row> all = spark.createDataFrame(outcomes, EncodedColumns.outcomes(resolved.identity()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> encoded = all.filter(col("bad").equalTo(false)).select(Arrays.stream(EncodedColumns
                .schema(resolved.identity()).fieldNames()).map(name -> col(name)).toArray(Column[]::new));
        Dataset<Row> bad = all.filter(col("bad").equalTo(true)).select(col(ScoreColumns.FILE), col(ScoreColumns.LINE),
                col(ScoreColumns.ERROR));
        return new Result(encoded, bad, resolved.identity(), all);
    }

    /**
     * Reads encoded responses that {@link SparkEncodeJob} wrote (its output directory, or the Parquet files in it).
     * @param spark The session.
     * @param path The job's output directory, or a directory or file of encoded Parquet.
     * @return The encoded responses.
     * @throws IllegalArgumentException If the data lacks the columns or the encoder's identity, naming the path.
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        org.apache.hadoop.fs.Path given = new org.apache.hadoop.fs.Path(path);
        String parquet = path;
        try {
            org.apache.hadoop.fs.FileSystem fs = given.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(given)) {
                throw new IllegalArgumentException(path + ": no such file or directory");
            }
            org.apache.hadoop.fs.Path inside = new org.apache.hadoop.fs.Path(given, SparkEncodeJob.ENCODED);
            if (fs.exists(inside)) {
                parquet = inside.toString();
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Dataset<Row> frame;
        try {
            frame = spark.read().parquet(parquet);
        } catch (Exception e) { // Scala's AnalysisException is checked in Java but never declared
            String why = String.valueOf(JobErrors.cause(e).getMessage()).strip().lines().findFirst().orElse("");
            throw new IllegalArgumentException(path + ": not an output of spark-encode (" + why + ")", e);
        }
        Set<String> columns = Set.of(frame.columns());
        for (String needed : EncodedColumns.schema(new EncoderIdentity("", "", "", "", 0)).fieldNames()) {
            if (!columns.contains(needed)) {
                throw new IllegalArgumentException(parquet + ": encoded data needs the column " + needed + "; it has "
                        + Arrays.toString(frame.columns()));
            }
        }
        identity(frame, parquet);
        return frame;
    }

    /**
     * The encoder that made encoded responses, from the embedding column's metadata.
     * @param encoded The encoded responses.
     * @param where The data, for the message.
     * @return The encoder's identity.
     * @throws IllegalArgumentException If the column records none.
     */
    public static EncoderIdentity identity(Dataset<Row> encoded, String where) {
        return EncoderIdentity.fromMetadata(encoded.schema().apply(EncodedColumns.EMBEDDING).metadata(), where);
    }

    /**
     * Puts the vectors of encoded responses (and of their prompts) into a local embedding cache, under the keys the
     * cache gives their texts, so that an encoder with that cache finds them instead of encoding the texts again. The
     * vectors stream to the driver a partition at a time (each prompt's once).
     * @param encoded The encoded responses.
     * @param encoder The local encoder; it must be the one that made them (the same fingerprint).
     * @param cacheDirectory The cache directory.
     * @return How many vectors were added (texts already cached are left as they were).
     * @throws IllegalArgumentException If another encoder made the vectors, naming both.
     */
    public static long loadIntoCache(Dataset<Row> encoded, TextEncoder encoder, Path cacheDirectory) {
        EncoderIdentity identity = identity(encoded, "the encoded data");
        if (!identity.fingerprint().equals(encoder.fingerprint())) {
            throw new IllegalArgumentException("the encoded data was made by " + identity.description()
                    + " (fingerprint " + identity.fingerprint() + "), not by the encoder " + encoder.describe()
                    + " (fingerprint " + encoder.fingerprint() + "); give the encoder it was made with");
        }
        EmbeddingCache cache = EmbeddingCache.open(cacheDirectory, identity.fingerprint(), identity.dimension());
        // Each prompt once (from its first response's row); texts seen twice are left to the cache, which keeps a key
        // once, rather than to a shuffle.
        Dataset<Row> vectors = encoded.select(col(EncodedColumns.RESPONSE_KEY), col(EncodedColumns.EMBEDDING))
                .union(encoded.filter(col(ScoreColumns.RESPONSE_INDEX).equalTo(0)
                                .and(col(EncodedColumns.PROMPT_KEY).isNotNull()))
                        .select(col(EncodedColumns.PROMPT_KEY), col(EncodedColumns.PROMPT_EMBEDDING)));
        long added = 0;
        List<String> keys = new ArrayList<>(LOAD_BATCH);
        List<float[]> batch = new ArrayList<>(LOAD_BATCH);
        Iterator<Row> rows = vectors.toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            List<Float> values = row.getList(1);
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i);
            }
            keys.add(row.getString(0));
            batch.add(vector);
            if (keys.size() == LOAD_BATCH) {
                added += cache.putKeyed(keys, batch);
                keys.clear();
                batch.clear();
            }
        }
        return added + cache.putKeyed(keys, batch);
    }
}
