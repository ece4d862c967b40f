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

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SparkScoring} on {@code local[2]} against the single-machine scorer ({@code score --onnx}): a gzipped file,
 * which Spark reads whole into one partition, is scored on both cores; an ensemble's scores carry the standard
 * deviation of its members' rewards, from text (JSONL) and from dense features (Parquet), and a single model's have no
 * such column.
 */
class TestSparkScoring {
    @TempDir
    Path dir;

    private static final SparkFixtures F = SparkFixtures.get();

    private static SparkScoring.Result score(Path data, Path onnx) throws IOException {
        return SparkScoring.scoreJsonl(F.spark, List.of(data.toString()), DataFormat.RANKED, Files.readAllBytes(onnx),
                new ScoringSettings(onnx.getFileName().toString(), null, "cpu", 64, 1, List.of()), false);
    }

    private static void assertLocalRewards(Map<String, ScoresFile.Row> local, List<Row> scores) {
        assertEquals(local.size(), scores.size());
        for (Row row : scores) {
            ScoresFile.Row expected = local.get(row.getAs(ScoreColumns.PROMPT_ID) + "/"
                    + row.getAs(ScoreColumns.RESPONSE_INDEX));
            assertEquals(expected.reward(), row.<Double>getAs(ScoreColumns.REWARD), 1e-6, row.toString());
            if (!Double.isNaN(expected.rewardStd())) {
                assertEquals(expected.rewardStd(), row.<Double>getAs(ScoreColumns.REWARD_STD), 1e-6, row.toString());
            }
        }
    }

    @Test
    void anEnsemblesScoresCarryTheStandardDeviationOfItsMembers() throws IOException {
        Map<String, ScoresFile.Row> local = F.localScores(F.ensemble);
        assertTrue(local.values().stream().allMatch(row -> row.rewardStd() > 0), "the local scorer gives spreads");
        SparkScoring.Result result = score(F.data, F.ensemble);
        try {
            assertEquals(ScoreColumns.ENSEMBLE_SCORES.fieldNames().length, result.scores().columns().length);
            assertEquals(ScoreColumns.REWARD_STD, result.scores().columns()[result.scores().columns().length - 1]);
            assertLocalRewards(local, result.scores().collectAsList());
        } finally {
            result.release();
        }
        SparkScoring.Result single = score(F.data, F.linear);
        try {
            assertEquals(List.of(ScoreColumns.SCORES.fieldNames()), List.of(single.scores().columns()));
        } finally {
            single.release();
        }
    }

    @Test
    void anEnsembleScoresDenseFeaturesWithItsSpread() throws IOException {
        List<Row> rows = new ArrayList<>();
        double[][] expected;
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(F.ensemble, Device.CPU)) {
            List<Example<Regressor>> examples = new ArrayList<>();
            new RankedJsonlSource(F.data, scorer.metadata().rebuildFeaturizer().orElseThrow()).forEach(examples::add);
            expected = scorer.scoreWithSpread(examples);
            List<String> columns = scorer.metadata().features();
            for (int i = 0; i < examples.size(); i++) {
                Float[] dense = new Float[columns.size()];
                java.util.Arrays.fill(dense, 0f);
                for (Feature feature : examples.get(i)) {
                    int column = columns.indexOf(feature.getName());
                    if (column >= 0) {
                        dense[column] += (float) feature.getValue();
                    }
                }
                rows.add(RowFactory.create("p" + i, 0, List.of(dense)));
            }
        }
        StructType schema = new StructType().add(ScoreColumns.PROMPT_ID, DataTypes.StringType)
                .add(ScoreColumns.RESPONSE_INDEX, DataTypes.IntegerType)
                .add(SparkScoring.FEATURES, DataTypes.createArrayType(DataTypes.FloatType));
        Path parquet = dir.resolve("dense.parquet");
        F.spark.createDataFrame(rows, schema).write().parquet(parquet.toString());
        SparkScoring.Result result = SparkScoring.scoreParquet(F.spark, List.of(parquet.toString()),
                Files.readAllBytes(F.ensemble), new ScoringSettings("ensemble.onnx", null, "cpu", 64, 1, List.of()));
        try {
            List<Row> scores = result.scores().collectAsList();
            assertEquals(rows.size(), scores.size());
            assertEquals(0, result.badRows().count());
            for (Row row : scores) {
                int i = Integer.parseInt(row.<String>getAs(ScoreColumns.PROMPT_ID).substring(1));
                assertEquals(expected[0][i], row.<Double>getAs(ScoreColumns.REWARD), 1e-6);
                assertEquals(expected[1][i], row.<Double>getAs(ScoreColumns.REWARD_STD), 1e-6);
            }
        } finally {
            result.release();
        }
    }

    @Test
    void aGzippedFileIsScoredOnEveryCore() throws IOException {
        assertEquals(1, F.spark.read().text(F.gzipped.toString()).javaRDD().getNumPartitions(),
                "Spark reads a gzipped file into one partition");
        SparkScoring.Result result = score(F.gzipped, F.linear);
        try {
            List<List<Row>> partitions = result.scores().javaRDD().glom().collect();
            assertEquals(F.spark.sparkContext().defaultParallelism(), partitions.size());
            assertTrue(partitions.size() > 1);
            partitions.forEach(partition -> assertTrue(partition.size() > 0, "every core scores some responses"));
            assertLocalRewards(F.localScores(F.linear), result.scores().collectAsList());
            assertEquals(0, result.badRows().count());
        } finally {
            result.release();
        }
    }
}
