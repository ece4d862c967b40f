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

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DataFrame API ({@link SparkRewards}) and the SQL functions ({@link RewardUdf}) on {@code local[2]}, against the
 * single-machine scorer ({@code score --onnx}) on the same data file: the rewards, and an ensemble's standard
 * deviations, within 1e-6; the user's columns, rows and partitions kept; a bad model or column one error naming it.
 */
class TestSparkRewards {
    private static final SparkFixtures F = SparkFixtures.get();
    private static final StructType ANSWERS = new StructType().add("id", DataTypes.StringType)
            .add("index", DataTypes.IntegerType).add("question", DataTypes.StringType)
            .add("answer", DataTypes.StringType);

    /** The data file's responses as a user's DataFrame of (id, index, question, answer), in 3 partitions. */
    private static Dataset<Row> answers() {
        List<Row> rows = new ArrayList<>();
        for (PromptGroup group : TruncationBenchmark.generate(12, 0.5, 5L)) {
            for (int r = 0; r < group.responses().size(); r++) {
                rows.add(RowFactory.create(group.id(), r, group.prompt(), group.responses().get(r).text()));
            }
        }
        return F.spark.createDataFrame(rows, ANSWERS).repartition(3);
    }

    private static void assertLocal(Path onnx, List<Row> rows, String reward, String std) {
        Map<String, ScoresFile.Row> local = F.localScores(onnx);
        assertEquals(local.size(), rows.size());
        for (Row row : rows) {
            ScoresFile.Row expected = local.get(row.getAs("id") + "/" + row.getAs("index"));
            assertEquals(expected.reward(), row.<Double>getAs(reward), 1e-6, row.toString());
            if (std != null) {
                assertEquals(expected.rewardStd(), row.<Double>getAs(std), 1e-6, row.toString());
            }
        }
    }

    @Test
    void addsTheLocalScorersRewardsToAUsersDataFrame() {
        Dataset<Row> input = answers();
        SparkRewards rewards = SparkRewards.load(F.spark, F.linear.toUri().toString())
                .withInputColumns("question", "answer");
        assertEquals(List.of("reward"), rewards.outputColumns());
        Dataset<Row> scored = rewards.transform(input);
        assertEquals(List.of("id", "index", "question", "answer", "reward"), List.of(scored.columns()));
        assertEquals(input.javaRDD().getNumPartitions(), scored.javaRDD().getNumPartitions());
        List<Row> rows = scored.collectAsList();
        List<Row> before = input.collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < ANSWERS.size(); c++) {
                assertEquals(before.get(i).get(c), rows.get(i).get(c), "the input's rows and order are kept");
            }
        }
        assertLocal(F.linear, rows, "reward", null);
    }

    @Test
    void anEnsembleAddsItsStandardDeviation() {
        SparkRewards rewards = SparkRewards.load(F.spark, SparkFixtures.VIEWFS_MODELS + "/ensemble.onnx")
                .withInputColumns("question", "answer").withOutputColumns("r", "r_std");
        assertEquals(List.of("r", "r_std"), rewards.outputColumns());
        assertLocal(F.ensemble, rewards.transform(answers()).collectAsList(), "r", "r_std");
    }

    @Test
    void sqlFunctionsScoreAsTheLocalScorer() {
        assertEquals(List.of("reward", "reward_std"), RewardUdf.register(F.spark, "reward", F.ensemble.toString()));
        answers().createOrReplaceTempView("answers");
        List<Row> rows = F.spark.sql("SELECT id, index, reward(question, answer) AS reward, "
                + "reward_std(question, answer) AS reward_std FROM answers").collectAsList();
        assertLocal(F.ensemble, rows, "reward", "reward_std");
        assertEquals(List.of("single"), RewardUdf.register(F.spark, "single", F.linear.toString()));
        Row missing = F.spark.sql("SELECT single('a prompt', NULL) AS r, single(NULL, 'an answer') AS s")
                .collectAsList().get(0);
        assertTrue(missing.isNullAt(0), "a null response has no reward");
        assertTrue(Double.isFinite(missing.getDouble(1)), "a response without a prompt has one");
    }

    @Test
    void aNullResponseHasNullRewards() {
        Dataset<Row> input = F.spark.createDataFrame(List.of(RowFactory.create("p", 0, "a prompt", null),
                RowFactory.create("p", 1, null, "an answer")), ANSWERS);
        List<Row> rows = SparkRewards.load(F.spark, F.ensemble.toString()).withInputColumns("question", "answer")
                .transform(input).collectAsList();
        assertNull(rows.get(0).getAs("reward"));
        assertNull(rows.get(0).getAs("reward_std"));
        assertTrue(Double.isFinite(rows.get(1).<Double>getAs("reward")));
    }

    @Test
    void columnsAreMatchedAsSparkMatchesThemIgnoringCase() {
        SparkRewards rewards = SparkRewards.load(F.spark, F.linear.toUri().toString())
                .withInputColumns("question", "answer");
        Dataset<Row> capitalised = answers().withColumnRenamed("question", "Question")
                .withColumnRenamed("answer", "ANSWER");
        assertLocal(F.linear, rewards.transform(capitalised).collectAsList(), "reward", null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rewards.transform(answers()
                .withColumnRenamed("id", "Reward"))).getMessage()
                .startsWith("the DataFrame already has a column 'Reward'"), "Spark would take it for 'reward'");
    }

    @Test
    void aBadModelOrColumnIsOneErrorNamingIt() {
        String missing = SparkFixtures.VIEWFS_MODELS + "/missing.onnx";
        assertEquals(missing + ": no such model file", assertThrows(IllegalArgumentException.class,
                () -> SparkRewards.load(F.spark, missing)).getMessage());
        assertEquals(missing + ": no such model file", assertThrows(IllegalArgumentException.class,
                () -> RewardUdf.register(F.spark, "nothing", missing)).getMessage());
        SparkRewards rewards = SparkRewards.load(F.spark, F.linear.toString());
        assertEquals("no column 'prompt' to score; the DataFrame has [id, index, question, answer]",
                assertThrows(IllegalArgumentException.class, () -> rewards.transform(answers())).getMessage());
        assertEquals("column 'index' is int; rewards are computed from strings", assertThrows(
                IllegalArgumentException.class, () -> rewards.withInputColumns("question", "index")
                        .transform(answers())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rewards.withInputColumns("question", "answer")
                .withOutputColumns("id", "id_std").transform(answers())).getMessage()
                .startsWith("the DataFrame already has a column 'id'"));
    }
}
