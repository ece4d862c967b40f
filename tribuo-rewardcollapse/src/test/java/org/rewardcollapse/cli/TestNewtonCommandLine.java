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
package org.rewardcollapse.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.model.ModelFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --solver newton}: it trains, says why it stopped and reproduces; combinations it cannot honour are one
 * line and exit 2.
 */
class TestNewtonCommandLine {
    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void generate() {
        data = dir.resolve("bench.jsonl");
        CliRun.of("generate", "--out", data.toString(), "--prompts", "24", "--seed", "6").assertOk();
    }

    @Test
    void newtonTrainsSaysWhyItStoppedAndReproduces() {
        Path out = dir.resolve("run");
        CliRun trained = CliRun.of("train", "--data", data.toString(), "--solver", "newton", "--hash-dimension", "64",
                "--l2", "auto", "--cv-folds", "2", "--out", out.toString()).assertOk();
        assertTrue(trained.out().contains("l2 chosen by 2-fold cross-validation")
                && trained.out().contains("trained LinearRewardModel"), trained.out());
        assertTrue(trained.err().contains("Newton converged in "), trained.err());
        assertTrue(trained.out().contains("\n  0.3 ") && trained.out().contains("\n  1000 ")
                && !trained.out().contains("\n  0.001 "), "Newton's L2 grid, 0.3 to 1000: " + trained.out());
        assertFalse(trained.err().contains("epoch 1/"), "no epochs: " + trained.err());
        CliRun reproduced = CliRun.of("reproduce", "--run", out.toString()).assertOk();
        assertTrue(reproduced.out().startsWith("identical: "), reproduced.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--validation-fraction 0.2 | --validation-fraction 0.2 holds out groups for early stopping, which --solver",
            "--patience 3 | --patience 3 needs validation groups",
            "--epochs 5 | --epochs applies to --solver gradient",
            "--learning-rate 0.1 | --learning-rate applies to --solver gradient",
            "--optimiser sgd | --optimiser applies to --solver gradient",
            "--bounded | --bounded rewards (a sigmoid of w . x) make the objective non-concave",
            "--pair-weighting lambdarank | --pair-weighting LAMBDARANK weights follow the rewards",
            "--utility power:2 --l2 0.1 | utility 'power:2,eps=0.1' is convex",
            "--utility linear --l2 0 | --l2 must be > 0 with --solver NEWTON",
            "--model mlp | --solver applies to --model linear",
            "--ensemble 3 | --ensemble K with Newton's solver needs --bootstrap"})
    void whatNewtonCannotHonourIsOneLineAndExitTwo(String options, String message) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--solver", "newton",
                "--hash-dimension", "64", "--out", dir.resolve("refused").toString()));
        args.addAll(List.of(options.split(" ")));
        if (!args.contains("--l2")) {
            args.addAll(List.of("--l2", "0.01"));
        }
        CliRun.of(args.toArray(String[]::new)).assertOneLineError(2, message);
        assertFalse(Files.exists(dir.resolve("refused")));
    }

    @Test
    void styleFeaturesAndALengthWeightTrainScoreAndReproduce() throws Exception {
        Path out = dir.resolve("styled");
        CliRun.of("train", "--data", data.toString(), "--solver", "newton", "--hash-dimension", "64", "--l2", "1",
                "--style-features", "--length-weight", "0.5", "--out", out.toString()).assertOk();
        String config = Files.readString(out.resolve("config.xml"));
        assertTrue(config.contains("name=\"styleFeatures\" value=\"true\"")
                && config.contains("name=\"lengthWeight\" value=\"0.5\""), config);
        assertTrue(CliRun.of("reproduce", "--run", out.toString()).assertOk().out().startsWith("identical: "));
        CliRun.of("score", "--model", out.resolve("model.tribuo").toString(), "--data", data.toString(), "--out",
                dir.resolve("scores.jsonl").toString()).assertOk();
    }

    @Test
    void theWordCountIsPenalisedByDefaultAndTheCharacterCountIsNot() {
        // Length features only, under a penalty that crushes whatever it reaches.
        Map<String, Double> byDefault = lengthWeights("default");
        assertTrue(byDefault.get(ResponseFeaturizer.LOG_CHARS) > 0.1, "characters keep their weight: " + byDefault);
        assertTrue(Math.abs(byDefault.get(ResponseFeaturizer.LOG_WORDS)) < 1e-3, "words are penalised: " + byDefault);
        Map<String, Double> bothFree = lengthWeights("both-free", "--unpenalised", "response-length@*");
        assertTrue(Math.abs(bothFree.get(ResponseFeaturizer.LOG_WORDS)) > 0.1, "left free, words get a weight of "
                + "their own: " + bothFree);
    }

    private Map<String, Double> lengthWeights(String name, String... options) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--solver", "newton",
                "--no-prompt-features", "--no-response-features", "--l2", "1e6", "--test-fraction", "0", "--out",
                out.toString()));
        args.addAll(List.of(options));
        CliRun.of(args.toArray(String[]::new)).assertOk();
        Map<String, Double> weights = new HashMap<>();
        ModelFiles.readRewardModel(out.resolve("model.tribuo")).getTopFeatures(-1).values().iterator().next()
                .forEach(p -> weights.put(p.getA(), p.getB()));
        return weights;
    }

    @Test
    void aLengthWeightOutsideNewtonOrTheUnitIntervalIsOneLine() {
        String run = dir.resolve("x").toString();
        CliRun.of("train", "--data", data.toString(), "--length-weight", "0.5", "--out", run).assertOneLineError(2,
                "--length-weight 0.5 scales the optimum's length weights, which needs --solver NEWTON");
        CliRun.of("train", "--data", data.toString(), "--solver", "newton", "--length-weight", "1.5", "--out", run)
                .assertOneLineError(2, "--length-weight must be in [0, 1], found 1.5");
        CliRun.of("train", "--data", data.toString(), "--model", "mlp", "--length-weight", "0.5", "--out", run)
                .assertOneLineError(2, "--length-weight applies to --model linear");
    }

    @Test
    void anUnknownSolverIsOneLine() {
        CliRun.of("train", "--data", data.toString(), "--solver", "fast", "--out", dir.resolve("x").toString())
                .assertOneLineError(2, "--solver must be one of gradient, newton, found 'fast'");
    }
}
