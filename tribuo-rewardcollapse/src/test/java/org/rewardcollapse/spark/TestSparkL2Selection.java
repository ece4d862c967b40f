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

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.cli.RewardCollapseCli;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.experiment.RunLayout;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.RankingFixtures;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spark-train --l2 auto} and {@link SparkNewtonTraining#selectL2} against the local
 * {@code train --solver newton --l2 auto}: the same candidates, held-out accuracies and chosen L2 (every fold's Newton
 * solve on Spark, local[2]), and the final model's weights within 1e-6 of the local training's; the job's
 * {@code --unpenalised} and {@code --length-weight} as {@code train}'s.
 */
class TestSparkL2Selection {
    @TempDir
    static Path dir;

    private static Path file;
    private static MutableDataset<Regressor> data;

    @BeforeAll
    static void setUp() throws IOException {
        file = dir.resolve("train.jsonl");
        RankedJsonlWriter.write(RankingFixtures.noisyTruncationGroups(), file);
        data = new MutableDataset<>(DataSpec.of(file).load(ResponseFeaturizer.defaults()));
    }

    /** The trainer spark-train builds with --l2 auto. */
    private static LinearRewardTrainer trainer() {
        return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON)
                .objective(RankingObjective.builder().utility("log-sigmoid:1").build()).l2(0.0).build();
    }

    @Test
    void theSelectionAndModelAreTheLocalTrainsOnes() throws IOException {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkFixtures.get().spark.sparkContext());
        long start = System.nanoTime();
        SparkNewtonTraining training = new SparkNewtonTraining(context, 2);
        SparkNewtonTraining.Selected onSpark = training.trainWithSelectedL2(trainer(), data,
                L2Selection.NEWTON_CANDIDATES, 5, 12345L, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
        double sparkSeconds = (System.nanoTime() - start) / 1e9;
        // Every fold's solve alone would run a job per evaluation; together, the folds' evaluations share jobs.
        System.out.printf("TestSparkL2Selection: the 40 fold trainings' %d evaluations summed in %d Spark jobs%n",
                training.lastSelectionEvaluations(), training.lastSelectionJobs());
        assertTrue(training.lastSelectionJobs() > 0, "some jobs");
        assertTrue(training.lastSelectionEvaluations() - training.lastSelectionJobs()
                >= 4L * 5 * L2Selection.NEWTON_CANDIDATES.size(), "at least the first 5 evaluations of every "
                + "candidate's 5 folds share jobs: " + training.lastSelectionJobs() + " jobs for "
                + training.lastSelectionEvaluations() + " evaluations");
        L2Selection.Result local = L2Selection.select(trainer(), data, L2Selection.NEWTON_CANDIDATES, 5, 12345L,
                RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
        System.out.printf("TestSparkL2Selection: 5 folds x %d candidates and the final training on Spark in %.1f s%n%s",
                L2Selection.NEWTON_CANDIDATES.size(), sparkSeconds, onSpark.selection().table());
        assertSameSelection(local, onSpark.selection());

        // The local command line: train --solver newton --l2 auto --unpenalised none on every group (no test split).
        Path run = dir.resolve("local");
        cli("train", "--data", file.toString(), "--solver", "newton", "--l2", "auto", "--unpenalised", "none",
                "--test-fraction", "0", "--out", run.toString());
        JsonNode selection = Json.mapper().readTree(run.resolve("metrics.json").toFile()).get("model_selection");
        assertEquals(selection.get("chosen").asDouble(), onSpark.selection().chosen(), 0.0);
        for (int c = 0; c < local.candidates().size(); c++) {
            assertEquals(selection.get("candidates").get(c).get("pairwise_accuracy").asDouble(),
                    onSpark.selection().candidates().get(c).meanAccuracy(), 1e-9);
        }
        RewardModel expected = ModelFiles.readRewardModel(run.resolve(RunLayout.MODEL));
        SparkFixtures.assertWeightsAlike("TestSparkL2Selection", expected, onSpark.model());
        assertTrue(onSpark.model().getProvenance().getInstanceProvenance().getMap().containsKey("l2-selection"));
    }

    @Test
    void theJobChoosesAsTrainDoes() throws IOException {
        SparkFixtures.get();
        Path run = dir.resolve("local-2-folds");
        cli("train", "--data", file.toString(), "--solver", "newton", "--l2", "auto", "--cv-folds", "2",
                "--unpenalised", "none", "--test-fraction", "0", "--out", run.toString());
        double chosen = Json.mapper().readTree(run.resolve("metrics.json").toFile()).get("model_selection")
                .get("chosen").asDouble();
        Path out = dir.resolve("job");
        String printed = sparkTrain("--data", file.toString(), "--l2", "auto", "--cv-folds", "2", "--partitions", "3",
                "--out", out.toString());
        String chosenLine = Arrays.stream(printed.split("\n")).filter(l -> l.contains("<- chosen")).findFirst()
                .orElseThrow(() -> new AssertionError(printed));
        assertEquals(chosen, Double.parseDouble(chosenLine.strip().split("\\s+")[0]), 0.0, printed);
        assertTrue(printed.startsWith("l2 chosen by 2-fold cross-validation"), printed);
        SparkFixtures.assertWeightsAlike("TestSparkL2Selection",
                ModelFiles.readRewardModel(run.resolve(RunLayout.MODEL)),
                ModelFiles.readRewardModel(out.resolve(SparkTrainJob.MODEL)));

        StringWriter refused = new StringWriter();
        var job = SparkTrainJob.commandLine();
        job.setOut(new PrintWriter(new StringWriter(), true));
        job.setErr(new PrintWriter(refused, true));
        assertEquals(2, job.execute("--data", file.toString(), "--l2", "auto", "--cv-folds", "8", "--out",
                dir.resolve("never").toString()));
        assertEquals("spark-train: --l2 auto: 14 prompt groups are too few for 8-fold cross-validation (it needs 16); "
                + "give --l2 a number", refused.toString().strip());
    }

    @Test
    void unpenalisedFeaturesAndALengthWeightTrainAsTrainDoes() throws IOException {
        SparkFixtures.get();
        String free = ResponseFeaturizer.DEFAULT_UNPENALISED;
        Path run = dir.resolve("local-free-characters");
        cli("train", "--data", file.toString(), "--solver", "newton", "--l2", "10", "--unpenalised", free,
                "--length-weight", "0.5", "--test-fraction", "0", "--out", run.toString());
        RewardModel onSpark = atL2Ten("job-free-characters", "--unpenalised", free, "--length-weight", "0.5");
        SparkFixtures.assertWeightsAlike("TestSparkL2Selection",
                ModelFiles.readRewardModel(run.resolve(RunLayout.MODEL)), onSpark);
        double changed = SparkFixtures.largestWeightDifference(onSpark, atL2Ten("job-all-penalised"));
        assertTrue(changed > 1e-2, "the options change the model: " + changed);
    }

    /** spark-train --l2 10 on two partitions with these options, its model. */
    private static RewardModel atL2Ten(String name, String... options) {
        Path out = dir.resolve(name);
        sparkTrain(Stream.concat(Stream.of("--data", file.toString(), "--l2", "10", "--partitions", "2", "--out",
                out.toString()), Arrays.stream(options)).toArray(String[]::new));
        return ModelFiles.readRewardModel(out.resolve(SparkTrainJob.MODEL));
    }

    /** Runs spark-train, which must succeed; what it printed. */
    private static String sparkTrain(String... args) {
        StringWriter printed = new StringWriter();
        StringWriter err = new StringWriter();
        var job = SparkTrainJob.commandLine();
        job.setOut(new PrintWriter(printed, true));
        job.setErr(new PrintWriter(err, true));
        assertEquals(0, job.execute(args), err.toString());
        return printed.toString();
    }

    private static void assertSameSelection(L2Selection.Result local, L2Selection.Result onSpark) {
        assertEquals(local.chosen(), onSpark.chosen(), 0.0, "the chosen L2");
        assertEquals(local.folds(), onSpark.folds());
        assertEquals(local.candidates().size(), onSpark.candidates().size());
        DoubleSummaryStatistics spread = local.candidates().stream()
                .mapToDouble(L2Selection.Candidate::meanAccuracy).summaryStatistics();
        assertTrue(spread.getMax() - spread.getMin() > 0.05, "the candidates differ, so the choice is tested: " + spread);
        for (int c = 0; c < local.candidates().size(); c++) {
            L2Selection.Candidate a = local.candidates().get(c);
            L2Selection.Candidate b = onSpark.candidates().get(c);
            assertEquals(a.l2(), b.l2(), 0.0);
            assertEquals(a.meanAccuracy(), b.meanAccuracy(), 1e-9, "held-out accuracy at l2 " + a.l2());
            assertEquals(a.sdAccuracy(), b.sdAccuracy(), 1e-9, "its sd at l2 " + a.l2());
        }
    }


    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = RewardCollapseCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, String.join(" ", args) + ": " + err);
    }
}
