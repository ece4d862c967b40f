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
package org.rewardcollapse.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestExperiment {
    @TempDir
    Path dir;

    private static Experiment experiment(String name, org.tribuo.ConfigurableDataSource<org.tribuo.regression.Regressor> data) {
        return new Experiment(name, data, null, 0.25, 3L, MlpRewardTrainer.builder().hiddenSizes(8)
                .objective(RankingObjective.of("open=inverse,closed=linear", true)).epochs(3).snapshots(16, 0, 5)
                .build(), 10, true);
    }

    @Test
    void runWritesACompleteDirectoryAndReproducesBitIdentically() throws IOException {
        Path run = dir.resolve("run");
        RunResult result = experiment("synthetic", new SyntheticRankingSource(40, 0.5, 2L, ResponseFeaturizer.defaults()))
                .run(run);
        assertEquals(run.toAbsolutePath(), result.directory());
        for (String file : List.of("model.tribuo", "model.onnx", "provenance.json", "config.xml", "metrics.json",
                "profiles.png", "run.log")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(run), files.toList(), "no work directory left beside the run");
        }
        assertTrue(Files.readString(run.resolve("run.log")).contains("epoch 3/3"));
        assertTrue(result.report().collapse().isPresent());
        Reproduction.Report report = Reproduction.reproduce(run);
        assertTrue(report.identical(), report.toText());
        assertEquals(0.0, report.maxDifference());
        assertEquals(320, report.rows());
    }

    @Test
    void aConfigurationFileReRunsTheExperimentAndAChangedDataFileIsReported() throws IOException {
        Path data = dir.resolve("bench.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(30, 0.5, 4L), data);
        Path first = dir.resolve("first");
        experiment("file", new RankedJsonlSource(data, ResponseFeaturizer.defaults())).run(first);
        Experiment loaded = Experiment.load(first.resolve(RunLayout.CONFIG));
        assertEquals("file", loaded.name());
        Path second = dir.resolve("second");
        RunResult again = loaded.run(second);
        assertEquals(Files.readString(first.resolve("metrics.json")).replaceAll("\"provenance\"[\\s\\S]*", ""),
                Files.readString(second.resolve("metrics.json")).replaceAll("\"provenance\"[\\s\\S]*", ""));
        assertTrue(again.report().overall().pairwiseAccuracy() > 0.5);
        RankedJsonlWriter.write(TruncationBenchmark.generate(30, 0.5, 5L), data);
        Reproduction.Report changed = Reproduction.reproduce(first);
        assertFalse(changed.identical());
        assertTrue(changed.toText().startsWith("DIFFERENT: not re-trained: the data file " + data.toAbsolutePath()
                + " changed since the run (recorded "), changed.toText());
        assertEquals(0, changed.rows(), "nothing is re-trained on another file");
    }

    @Test
    void theL2PenaltyIsChosenByCrossValidationRecordedAndReproduced() throws IOException {
        Path data = dir.resolve("bench.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(40, 0.5, 4L), data);
        Experiment selecting = experiment("cv", new RankedJsonlSource(data, ResponseFeaturizer.defaults()))
                .withL2Selection(List.of(0.1, 0.0, 1e-3), 3);
        Path run = dir.resolve("run");
        RunResult result = selecting.run(run);
        L2Selection.Result selection = result.selection().orElseThrow();
        assertEquals(List.of(0.0, 1e-3, 0.1), selection.candidates().stream().map(L2Selection.Candidate::l2).toList(),
                "tried in increasing order");
        double best = selection.candidates().stream().mapToDouble(L2Selection.Candidate::meanAccuracy).max().orElseThrow();
        L2Selection.Candidate chosen = selection.candidates().stream().filter(c -> c.l2() == selection.chosen())
                .findFirst().orElseThrow();
        assertEquals(best, chosen.meanAccuracy(), 0.0, "the best mean wins");
        var metrics = org.rewardcollapse.io.Json.mapper().readTree(run.resolve("metrics.json").toFile());
        assertEquals(selection.chosen(), metrics.get("model_selection").get("chosen").asDouble(), 0.0);
        assertEquals(3, metrics.get("model_selection").get("candidates").size());
        assertTrue(Files.readString(run.resolve("provenance.json")).contains("\"" + Double.toString(selection.chosen())
                + "\""), "the model's trainer records the chosen penalty");
        assertTrue(Files.readString(run.resolve("run.log")).contains("l2 chosen by 3-fold cross-validation"));
        Reproduction.Report report = Reproduction.reproduce(run);
        assertTrue(report.identical(), report.toText());
        // The configuration re-runs the selection and makes the same choice.
        RunResult again = Experiment.load(run.resolve(RunLayout.CONFIG)).run(dir.resolve("again"));
        assertEquals(selection, again.selection().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> selecting.withL2Selection(List.of(-1.0), 3));
        assertThrows(IllegalArgumentException.class, () -> selecting.withL2Selection(List.of(0.0), 1));
    }

    @Test
    void notARunDirectoryIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reproduction.reproduce(dir));
        assertTrue(e.getMessage().contains("not a run directory"), e.getMessage());
        IllegalArgumentException config = assertThrows(IllegalArgumentException.class,
                () -> Experiment.load(dir.resolve("missing.xml")));
        assertTrue(config.getMessage().contains("no such configuration file"), config.getMessage());
    }
    @Test
    void aRunThatFailsLeavesNoDirectoryBehind() {
        Experiment diverging = new Experiment("diverging", new SyntheticRankingSource(20, 0.5, 2L,
                ResponseFeaturizer.defaults()), null, 0.25, 3L, org.rewardcollapse.train.LinearRewardTrainer.builder()
                .objective(RankingObjective.of("linear", false))
                .optimiser(org.tribuo.math.optimisers.SGD.getSimpleSGD(Double.MAX_VALUE)).epochs(2)
                .build(), 10, true);
        Path run = dir.resolve("diverged");
        assertThrows(org.rewardcollapse.train.TrainingDivergedException.class, () -> diverging.run(run));
        assertFalse(Files.exists(run));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no partial run directory");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reproduceChecksTheDataFileBeforeRetraining() throws IOException {
        Path data = dir.resolve("bench.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(20, 0.5, 4L), data);
        Path run = dir.resolve("run");
        experiment("hash", new RankedJsonlSource(data, ResponseFeaturizer.defaults())).run(run);
        byte[] original = Files.readAllBytes(data);
        Files.write(data, (new String(original) + "\n").getBytes());
        Reproduction.Report whitespace = Reproduction.reproduce(run);
        assertFalse(whitespace.identical());
        assertTrue(whitespace.toText().contains("changed since the run (recorded "), whitespace.toText());
        List<String> lines = Files.readAllLines(data);
        Files.write(data, lines.subList(0, lines.size() - 2));
        Reproduction.Report removed = Reproduction.reproduce(run);
        assertTrue(removed.toText().contains("changed since the run"), "no Tribuo index error: " + removed.toText());
        Files.write(data, original);
        assertTrue(Reproduction.reproduce(run).identical());
        Path provenance = run.resolve(RunLayout.PROVENANCE);
        String recorded = Files.readString(provenance);
        String hash = Files.readString(provenance).replaceAll("(?s).*\"resource-hash\"[^}]*?\"value\"\\s*:\\s*\"([0-9A-F]{64})\".*", "$1");
        assertEquals(64, hash.length(), "the run records the data file's hash");
        Files.writeString(provenance, recorded.replace(hash, "0".repeat(64)));
        Reproduction.Report zeroed = Reproduction.reproduce(run);
        assertFalse(zeroed.identical(), zeroed.toText());
        assertEquals(0, zeroed.rows());
        Files.writeString(provenance, "[]");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Reproduction.reproduce(run));
        assertTrue(empty.getMessage().startsWith(provenance + ": "), empty.getMessage());
    }

    @Test
    void aWrittenConfigurationRefusesAnotherDataFileAndRunsFromAnyFolder() throws IOException {
        Path data = dir.resolve("bench.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(20, 0.5, 4L), data);
        Path run = dir.resolve("run");
        experiment("config", new RankedJsonlSource(data, ResponseFeaturizer.defaults())).run(run);
        String config = Files.readString(run.resolve(RunLayout.CONFIG));
        assertTrue(config.contains("value=\"" + data.toAbsolutePath() + "\""), "an absolute data path: " + config);
        assertTrue(config.contains("name=\"dataSha256\""), config);
        RankedJsonlWriter.write(TruncationBenchmark.generate(20, 0.5, 5L), data);
        Experiment loaded = Experiment.load(run.resolve(RunLayout.CONFIG));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loaded.run(dir.resolve("again")));
        assertTrue(e.getMessage().startsWith("the data file " + data.toAbsolutePath() + " is not the one this "
                + "configuration was written for (recorded SHA-256 "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("again")));
    }

    @Test
    void aRunRecordedBeforeThePackagesMovedStillReproducesAndReRuns() throws IOException {
        // Written on 2026-12-06 by the jar of commit 2f9718b, which named the sources and the featuriser
        // org.rewardcollapse.data.* (they now live in data.source, data.synthetic and data.features).
        Path run = Files.createDirectories(dir.resolve("recorded"));
        for (String file : List.of("model.tribuo", "provenance.json", "config.xml")) {
            try (var in = getClass().getResourceAsStream("run-recorded-2026-12-06/" + file)) {
                Files.copy(in, run.resolve(file));
            }
        }
        Reproduction.Report report = Reproduction.reproduce(run);
        assertTrue(report.identical(), report.toText());
        assertEquals(0.0, report.maxDifference());
        RunResult again = Experiment.load(run.resolve("config.xml")).run(dir.resolve("again"));
        org.tribuo.Model<org.tribuo.regression.Regressor> recorded =
                org.rewardcollapse.model.ModelFiles.readRegressionModel(run.resolve("model.tribuo"));
        org.tribuo.MutableDataset<org.tribuo.regression.Regressor> data = new org.tribuo.MutableDataset<>(
                new SyntheticRankingSource(24, 0.5, 3L, ResponseFeaturizer.defaults()));
        for (int i = 0; i < data.size(); i++) {
            assertEquals(recorded.predict(data.getExample(i)).getOutput().getValues()[0],
                    again.model().predict(data.getExample(i)).getOutput().getValues()[0], 0.0, "example " + i);
        }
    }
}
