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
import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.ScoresFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SparkScoring} on {@code local[2]} against the single-machine scorer ({@code score --onnx}): a gzipped file,
 * which Spark reads whole into one partition, is scored on both cores.
 */
class TestSparkScoring {
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
