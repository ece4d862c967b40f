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
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.cli.RewardCollapseCli;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.experiment.RunLayout;
import org.rewardcollapse.experiment.Scoring;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SparkNewtonTraining#trainEnsemble} and {@code spark-train --ensemble K --bootstrap} against the local
 * {@link EnsembleRewardTrainer} of linear Newton members on bootstrap resamples (local[2]): every member's weights
 * within 1e-6 of the local member's, the members' Newton evaluations summed in shared Spark jobs, and the job's ONNX
 * export scored on Spark with the members' spread.
 */
class TestSparkEnsemble {
    @TempDir
    static Path dir;

    private static Path file;
    private static MutableDataset<Regressor> data;

    @BeforeAll
    static void setUp() throws IOException {
        file = dir.resolve("train.jsonl");
        // Noisy scores, so that the resamples teach the members different weights.
        Random random = new Random(5L);
        List<PromptGroup> groups = TruncationBenchmark.generate(12, 0.5, 5L).stream().map(g -> {
            double noise = 0.5 * g.responses().stream().mapToDouble(ScoredResponse::score).max().orElseThrow();
            return new PromptGroup(g.id(), g.prompt(), g.promptType(), g.responses().stream().map(r ->
                    new ScoredResponse(r.text(), r.score() + noise * random.nextGaussian(), r.features(),
                            r.embedding(), r.line())).toList(), g.line());
        }).toList();
        RankedJsonlWriter.write(groups, file);
        data = new MutableDataset<>(DataSpec.of(file).load(ResponseFeaturizer.defaults()));
    }

    /** The member trainer spark-train builds with --l2 1. */
    private static LinearRewardTrainer member() {
        return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON)
                .objective(RankingObjective.builder().utility("log-sigmoid:1").build()).l2(1.0).build();
    }

    @Test
    void theMembersAreTheLocalEnsemblesAndShareJobs() {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkFixtures.get().spark.sparkContext());
        SparkNewtonTraining training = new SparkNewtonTraining(context, 2);
        EnsembleRewardModel onSpark = training.trainEnsemble(new EnsembleRewardTrainer(member(), 3, true, 77L), data);
        EnsembleRewardModel local = new EnsembleRewardTrainer(member(), 3, true, 77L).train(data);
        System.out.printf("TestSparkEnsemble: 3 members' %d Newton evaluations summed in %d Spark jobs%n",
                training.lastEnsembleEvaluations(), training.lastEnsembleJobs());
        assertTrue(training.lastEnsembleJobs() > 0, "some jobs");
        assertTrue(training.lastEnsembleEvaluations() >= 2 * training.lastEnsembleJobs(), "the members share jobs: "
                + training.lastEnsembleJobs() + " jobs for " + training.lastEnsembleEvaluations() + " evaluations");
        assertMembersAlike(local, onSpark);
        // The resamples differ, so the members do.
        assertTrue(SparkFixtures.largestWeightDifference(onSpark.members().get(0), onSpark.members().get(1)) > 1e-3);
        assertTrue(onSpark.getProvenance().getInstanceProvenance().getMap().containsKey("training-engine"));
    }

    @Test
    void theJobTrainsAsTrainDoesAndItsOnnxScoresWithTheSpread() throws IOException {
        SparkFixtures fixtures = SparkFixtures.get();
        Path run = dir.resolve("local");
        cli("train", "--data", file.toString(), "--solver", "newton", "--l2", "1", "--unpenalised", "none",
                "--test-fraction", "0", "--ensemble", "3", "--bootstrap", "--out", run.toString());
        Path out = dir.resolve("job");
        StringWriter printed = new StringWriter();
        StringWriter err = new StringWriter();
        var job = SparkTrainJob.commandLine();
        job.setOut(new PrintWriter(printed, true));
        job.setErr(new PrintWriter(err, true));
        assertEquals(0, job.execute("--data", file.toString(), "--ensemble", "3", "--bootstrap", "--partitions", "3",
                "--out", out.toString()), err.toString());
        assertTrue(printed.toString().startsWith("trained EnsembleRewardModel on Spark"), printed.toString());
        assertMembersAlike((EnsembleRewardModel) ModelFiles.readScoringModel(run.resolve(RunLayout.MODEL)),
                (EnsembleRewardModel) ModelFiles.readScoringModel(out.resolve(SparkTrainJob.MODEL)));

        Path onnx = out.resolve(SparkTrainJob.ONNX);
        Map<String, ScoresFile.Row> expected = new HashMap<>();
        for (ScoresFile.Row row : Scoring.withOnnx(onnx, DataSpec.of(file), Device.CPU, 256).rows()) {
            expected.put(row.promptId() + "/" + row.responseIndex(), row);
        }
        SparkScoring.Result result = SparkScoring.scoreJsonl(fixtures.spark, List.of(file.toString()),
                DataFormat.RANKED, Files.readAllBytes(onnx), new ScoringSettings(onnx.getFileName().toString(), null,
                        "cpu", 64, 1, List.of()), false);
        try {
            List<Row> rows = result.scores().collectAsList();
            assertEquals(expected.size(), rows.size());
            for (Row row : rows) {
                ScoresFile.Row local = expected.get(row.getAs(ScoreColumns.PROMPT_ID) + "/"
                        + row.getAs(ScoreColumns.RESPONSE_INDEX));
                assertTrue(local.rewardStd() > 0, "the members disagree: " + local);
                assertEquals(local.reward(), row.<Double>getAs(ScoreColumns.REWARD), 1e-6, row.toString());
                assertEquals(local.rewardStd(), row.<Double>getAs(ScoreColumns.REWARD_STD), 1e-6, row.toString());
            }
        } finally {
            result.release();
        }
    }

    @Test
    void anEnsembleOfFewerThanTwoOrWithoutResamplesIsRefusedInOneLine() {
        assertEquals("spark-train: --ensemble must be in [2, 100], found 0", refused("--ensemble", "0",
                "--bootstrap"));
        assertEquals("spark-train: --ensemble must be in [2, 100], found 1", refused("--ensemble", "1",
                "--bootstrap"));
        assertEquals("spark-train: --ensemble K with Newton's solver needs --bootstrap: Newton members trained on the "
                + "same groups are the same model (every reward_std 0)", refused("--ensemble", "3"));
        assertEquals("spark-train: --bootstrap applies to --ensemble K", refused("--bootstrap"));
    }

    private static String refused(String... options) {
        StringWriter err = new StringWriter();
        var job = SparkTrainJob.commandLine();
        job.setOut(new PrintWriter(new StringWriter(), true));
        job.setErr(new PrintWriter(err, true));
        String[] args = new String[options.length + 4];
        args[0] = "--data";
        args[1] = file.toString();
        args[2] = "--out";
        args[3] = dir.resolve("never").toString();
        System.arraycopy(options, 0, args, 4, options.length);
        assertEquals(2, job.execute(args), err.toString());
        return err.toString().strip();
    }

    private static void assertMembersAlike(EnsembleRewardModel expected, EnsembleRewardModel actual) {
        assertEquals(expected.members().size(), actual.members().size(), "the members");
        for (int m = 0; m < expected.members().size(); m++) {
            double worst = SparkFixtures.largestWeightDifference(expected.members().get(m), actual.members().get(m));
            System.out.printf("TestSparkEnsemble: member %d's largest weight difference from the local one's %.1e%n",
                    m, worst);
            assertTrue(worst <= 1e-6, "member " + m + ": largest difference " + worst);
        }
    }


    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = RewardCollapseCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, String.join(" ", args) + ": " + err);
    }
}
