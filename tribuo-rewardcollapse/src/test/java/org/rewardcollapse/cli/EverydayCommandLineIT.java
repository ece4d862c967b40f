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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The everyday path of a person with their own data, through the command line's real entry point: split a file,
 * train on one part and test on the other, type prompts by rules to run the paper's prompt-aware fix, the training
 * options, progress, and the answers the other commands give.
 */
class EverydayCommandLineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Generated ranked data, typed (open-ended prompts say "open-ended", closed ones "short answer"). */
    private Path generated(String name, int prompts, long seed) {
        Path file = dir.resolve(name);
        CliRun.of("generate", "--out", file.toString(), "--prompts", Integer.toString(prompts), "--seed",
                Long.toString(seed)).assertOk();
        return file;
    }

    /** The same data with the prompt types and the ids taken out, as a user's own file would come. */
    private Path untyped(Path typed) throws IOException {
        Path file = dir.resolve("untyped-" + typed.getFileName());
        Files.writeString(file, Files.readString(typed).replaceAll("\"prompt_type\":\"[a-z]+\",", "")
                .replaceAll("\"id\":\"[^\"]+\",", ""));
        return file;
    }

    private static List<JsonNode> records(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    private static Set<String> ids(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        records(file).forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    @Test
    void splitKeepsEveryPromptOnOneSideInTheFilesOwnFormat() throws IOException {
        Path data = generated("data.jsonl", 30, 1);
        Path train = dir.resolve("train.jsonl");
        Path test = dir.resolve("test.jsonl");
        CliRun split = CliRun.of("split", "--data", data.toString(), "--train", train.toString(), "--test",
                test.toString(), "--test-fraction", "0.3", "--seed", "5").assertOk();
        assertTrue(split.out().contains("21 prompt groups to " + train) && split.out().contains("9 to " + test),
                split.out());
        Set<String> trainIds = ids(train);
        Set<String> testIds = ids(test);
        assertEquals(21, trainIds.size());
        assertEquals(9, testIds.size());
        assertTrue(trainIds.stream().noneMatch(testIds::contains));
        // Lines are copied as they are: together the two files hold the input's lines, no more.
        List<String> all = new ArrayList<>(Files.readAllLines(train));
        all.addAll(Files.readAllLines(test));
        assertEquals(Set.copyOf(Files.readAllLines(data)), Set.copyOf(all));
        assertEquals(30, all.size());

        // Seeded: the same seed splits the same way; another seed another way.
        Path again = dir.resolve("again.jsonl");
        CliRun.of("split", "--data", data.toString(), "--train", dir.resolve("t2.jsonl").toString(), "--test",
                again.toString(), "--test-fraction", "0.3", "--seed", "5").assertOk();
        assertArrayEquals(Files.readAllBytes(test), Files.readAllBytes(again));
        CliRun.of("split", "--data", data.toString(), "--train", dir.resolve("t3.jsonl").toString(), "--test",
                again.toString(), "--test-fraction", "0.3", "--seed", "6").assertOk();
        assertNotEquals(testIds, ids(again));
    }

    @Test
    void splitGivesLinesWithoutAnIdTheIdTheLoaderGaveThem() throws IOException {
        Path data = untyped(generated("data.jsonl", 12, 2));
        Path train = dir.resolve("train.jsonl.gz");
        Path test = dir.resolve("test.jsonl");
        CliRun.of("split", "--data", data.toString(), "--train", train.toString(), "--test", test.toString())
                .assertOk();
        // The loader names a line without an id by its line number; after the split the line keeps that name.
        List<String> lines = Files.readAllLines(data);
        for (JsonNode record : records(test)) {
            int number = Integer.parseInt(record.get("id").asText());
            assertEquals(JSON.readTree(lines.get(number - 1)).get("prompt"), record.get("prompt"));
        }
        // A .gz output is gzipped, and reads back.
        CliRun inspected = CliRun.of("inspect", "--data", train.toString()).assertOk();
        assertTrue(inspected.out().contains("groups               " + (12 - records(test).size())), inspected.out());
    }

    @Test
    void splitKeepsALetorQueryTogetherAndWritesSizeFilesWhereTheInputHasOne() throws IOException {
        Path data = dir.resolve("letor.txt");
        StringBuilder rows = new StringBuilder();
        StringBuilder sizes = new StringBuilder();
        for (int q = 0; q < 10; q++) {
            for (int r = 0; r < 3; r++) {
                rows.append(r).append(" 1:").append(q + 1).append(".").append(r).append(" 2:").append(r + 1).append('\n');
            }
            sizes.append("3\n");
        }
        Files.writeString(data, rows);
        Files.writeString(dir.resolve("letor.txt.query"), sizes);
        Path train = dir.resolve("train.txt");
        Path test = dir.resolve("test.txt");
        CliRun split = CliRun.of("split", "--data", data.toString(), "--train", train.toString(), "--test",
                test.toString(), "--test-fraction", "0.2").assertOk();
        assertTrue(split.out().contains("(letor): 8 prompt groups") && split.out().contains("wrote " + test + ".query"),
                split.out());
        assertEquals(List.of("3", "3"), Files.readAllLines(dir.resolve("test.txt.query")));
        List<String> testRows = Files.readAllLines(test);
        assertEquals(6, testRows.size());
        // A query's three rows stay together, in order.
        for (int i = 0; i < 6; i += 3) {
            String query = testRows.get(i).split(" ")[1].split("\\.")[0];
            for (int r = 0; r < 3; r++) {
                assertTrue(testRows.get(i + r).startsWith(r + " " + query + "." + r + " "), testRows.toString());
            }
        }
    }

    @Test
    void splitRefusesToWriteOverItsInputOrOneFileTwice() throws IOException {
        Path data = generated("data.jsonl", 10, 3);
        byte[] before = Files.readAllBytes(data);
        CliRun.of("split", "--data", data.toString(), "--train", data.toString(), "--test",
                dir.resolve("t.jsonl").toString()).assertOneLineError(2, "is the input");
        CliRun.of("split", "--data", data.toString(), "--train", dir.resolve("t.jsonl").toString(), "--test",
                dir.resolve("t.jsonl").toString()).assertOneLineError(2, "name the same file");
        CliRun.of("split", "--data", data.toString(), "--train", dir.resolve("a.jsonl").toString(), "--test",
                dir.resolve("b.jsonl").toString(), "--test-fraction", "1").assertOneLineError(2, "(0, 1)");
        assertArrayEquals(before, Files.readAllBytes(data));
        assertFalse(Files.exists(dir.resolve("a.jsonl")));
    }

    @Test
    void trainOnOneFileTestOnAnotherAndEvaluateWarnsAboutTrainingPrompts() throws IOException {
        Path data = generated("data.jsonl", 40, 4);
        Path train = dir.resolve("train.jsonl");
        Path test = dir.resolve("test.jsonl");
        CliRun.of("split", "--data", data.toString(), "--train", train.toString(), "--test", test.toString(),
                "--test-fraction", "0.25").assertOk();
        Path run = dir.resolve("run");
        CliRun trained = CliRun.of("train", "--data", train.toString(), "--test-data", test.toString(), "--model",
                "linear", "--epochs", "3", "--quiet", "--out", run.toString()).assertOk();
        assertTrue(trained.out().contains("groups                 10 "), trained.out());
        // The held-out prompts are named in the run directory.
        assertEquals(ids(test), Set.copyOf(Files.readAllLines(run.resolve("held-out-prompts.txt"))));

        CliRun.of("train", "--data", train.toString(), "--test-data", test.toString(), "--test-fraction", "0.2",
                "--out", dir.resolve("x").toString()).assertOneLineError(2, "not both");

        Path model = run.resolve("model.tribuo");
        CliRun mixed = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--out",
                dir.resolve("eval-mixed").toString()).assertOk();
        assertEquals(1, mixed.err().strip().lines().count(), mixed.err());
        assertTrue(mixed.err().startsWith("evaluate: warning: 30 of the 40 prompts of " + data), mixed.err());
        CliRun heldOut = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--out",
                dir.resolve("eval-test").toString()).assertOk();
        assertEquals("", heldOut.err());

        // --test-fraction holds prompts out of the one file and names them too.
        Path fraction = dir.resolve("fraction");
        CliRun.of("train", "--data", data.toString(), "--test-fraction", "0.25", "--model", "linear", "--epochs", "2",
                "--quiet", "--out", fraction.toString()).assertOk();
        List<String> heldOutIds = Files.readAllLines(fraction.resolve("held-out-prompts.txt"));
        assertEquals(10, heldOutIds.size());
        assertTrue(ids(data).containsAll(heldOutIds));
        CliRun overlap = CliRun.of("evaluate", "--model", fraction.resolve("model.tribuo").toString(), "--data",
                data.toString(), "--out", dir.resolve("eval-fraction").toString()).assertOk();
        assertTrue(overlap.err().contains("30 of the 40 prompts"), overlap.err());
    }

    @Test
    void typeRulesAndAnUntypedUtilityRunThePromptAwareFixOnUntypedPrompts() throws IOException {
        Path data = untyped(generated("data.jsonl", 30, 1));
        CliRun noTypes = CliRun.of("train", "--data", data.toString(), "--policy", "open=inverse,closed=linear",
                "--bounded", "--epochs", "2", "--out", dir.resolve("x").toString());
        noTypes.assertOneLineError(2, "has no prompt type");
        assertTrue(noTypes.err().contains("--type-rule") && noTypes.err().contains("--untyped-utility"), noTypes.err());
        assertFalse(Files.exists(dir.resolve("x")));

        // One rule types the open-ended prompts; the rest take the untyped utility.
        CliRun partly = CliRun.of("train", "--data", data.toString(), "--policy", "open=inverse,closed=linear",
                "--type-rule", "open=open-ended", "--untyped-utility", "log-sigmoid:1", "--bounded", "--epochs", "2",
                "--model", "linear", "--test-fraction", "0.5", "--out", dir.resolve("partly").toString()).assertOk();
        assertTrue(partly.out().contains("(untyped)"), partly.out());
        assertTrue(partly.out().contains("*: log-sigmoid:1") && partly.out().contains("open: inverse,eps=0.1"),
                partly.out());
        assertTrue(partly.err().contains("groups per utility: "), partly.err());
        CliRun.of("train", "--data", data.toString(), "--utility", "linear", "--untyped-utility", "inverse", "--out",
                dir.resolve("y").toString()).assertOneLineError(2, "--untyped-utility applies to a TYPE=UTILITY policy");

        // A rules file types both: no untyped column, and the rules are part of the run's record.
        Path rules = dir.resolve("rules.txt");
        Files.writeString(rules, "# open-ended first\n\nopen=open-ended\nclosed=(?i)short answer\n");
        Path run = dir.resolve("typed");
        CliRun typed = CliRun.of("train", "--data", data.toString(), "--policy", "open=inverse,closed=linear",
                "--type-rules", rules.toString(), "--bounded", "--epochs", "2", "--model", "linear", "--quiet",
                "--out", run.toString()).assertOk();
        assertTrue(typed.out().contains("closed") && typed.out().contains("open") && !typed.out().contains("(untyped)"),
                typed.out());
        assertTrue(CliRun.of("reproduce", "--run", run.toString()).assertOk().out().startsWith("identical: "));
        // evaluate types the prompts as the model's training did when not told otherwise.
        CliRun evaluated = CliRun.of("evaluate", "--model", run.resolve("model.tribuo").toString(), "--data",
                data.toString(), "--out", dir.resolve("eval").toString()).assertOk();
        assertTrue(evaluated.out().contains("closed     linear") && evaluated.out().contains("open       inverse"),
                evaluated.out());
        CliRun inspected = CliRun.of("inspect", "--data", data.toString(), "--type-rule", "open=open-ended").assertOk();
        assertTrue(inspected.out().contains("prompt types         (untyped): 14  open: 16"), inspected.out());

        CliRun.of("train", "--data", data.toString(), "--type-rule", "open", "--out", dir.resolve("z").toString())
                .assertOneLineError(2, "'open' is not TYPE=REGEX");
        CliRun.of("train", "--data", data.toString(), "--type-rule", "open=(", "--out", dir.resolve("z").toString())
                .assertOneLineError(2, "bad regular expression");
    }

    @Test
    void theTrainingOptionsReachTheTrainerAndBadValuesGetOneLine() throws IOException {
        Path data = generated("data.jsonl", 24, 5);
        Path run = dir.resolve("run");
        CliRun.of("train", "--data", data.toString(), "--model", "mlp", "--hidden-sizes", "6,4", "--activation",
                "tanh", "--optimiser", "adagrad", "--learning-rate", "0.05", "--l2", "0.001", "--minibatch-size", "4",
                "--validation-fraction", "0.2", "--patience", "2", "--epochs", "4", "--warmup-steps", "3", "--decay",
                "cosine", "--centring-coefficient", "0.1", "--pair-weighting", "score-difference", "--margin", "0.2",
                "--seed", "9",
                "--num-threads", "2", "--ndcg-k", "5", "--no-onnx", "--ngram", "2", "--hash-dimension", "0",
                "--no-length-features", "--no-lowercase", "--quiet", "--out", run.toString()).assertOk();
        String config = Files.readString(run.resolve("config.xml"));
        for (String field : List.of("name=\"hiddenSizes\"", "<item>6</item>", "<item>4</item>",
                "name=\"activation\" value=\"TANH\"", "AdaGrad", "name=\"initialLearningRate\" value=\"0.05\"",
                "name=\"l2\" value=\"0.001\"", "name=\"minibatchSize\" value=\"4\"",
                "name=\"validationFraction\" value=\"0.2\"", "name=\"patience\" value=\"2\"",
                "name=\"epochs\" value=\"4\"", "name=\"warmupSteps\" value=\"3\"", "name=\"decay\" value=\"COSINE\"",
                "name=\"centringCoefficient\" value=\"0.1\"", "name=\"pairWeighting\" value=\"SCORE_DIFFERENCE\"",
                "name=\"margin\" value=\"0.2\"",
                "name=\"seed\" value=\"9\"", "name=\"numThreads\" value=\"2\"", "name=\"ndcgK\" value=\"5\"",
                "name=\"exportOnnx\" value=\"false\"", "name=\"ngram\" value=\"2\"", "name=\"hashDim\" value=\"-1\"",
                "name=\"lengthFeatures\" value=\"false\"", "name=\"lowercase\" value=\"false\"")) {
            assertTrue(config.contains(field), field + " in\n" + config);
        }
        assertFalse(Files.exists(run.resolve("model.onnx")));

        String[][] bad = {
                {"--optimiser", "rmsprop", "--optimiser must be adam, lazy-adam, adagrad or sgd"},
                {"--activation", "swish", "--activation applies to --model mlp"},
                {"--decay", "sudden", "--decay must be one of"},
                {"--pair-weighting", "heavy", "--pair-weighting must be one of"},
                {"--model", "forest", "--model must be linear or mlp"},
                {"--l2", "-1", "--l2 must be finite and >= 0, found -1.0"},
                {"--learning-rate", "0", "earning"},
                {"--validation-fraction", "1", "--validation-fraction must be in [0, 1), found 1.0"},
                {"--patience", "-1", "--patience must be >= 0, found -1"},
                {"--epochs", "0", "--epochs must be >= 1, found 0"},
                {"--minibatch-size", "0", "--minibatch-size must be >= 1, found 0"},
                {"--hidden-sizes", "0", "--hidden-sizes applies to --model mlp"},
                {"--num-threads", "0", "--num-threads must be in [1, 256], found 0"},
                {"--centring-coefficient", "-2", "--centring-coefficient must be finite and >= 0"},
                {"--l2", "lots", "'lots'"},
                {"--ngram", "9", "--ngram must be in [1, 8]"},
                {"--hash-dimension", "-1", "--hash-dimension must be in [0, "},
                {"--margin", "-1", "--margin must be finite and >= 0"},
                {"--length-decorrelation", "NaN", "--length-decorrelation must be finite and >= 0"}};
        for (String[] option : bad) {
            CliRun.of("train", "--data", data.toString(), option[0], option[1], "--out", dir.resolve("bad").toString())
                    .assertOneLineError(2, option[2]);
            assertFalse(Files.exists(dir.resolve("bad")), option[0]);
        }
        CliRun.of("train", "--data", data.toString(), "--model", "mlp", "--length-decorrelation", "1", "--out",
                dir.resolve("bad").toString()).assertOneLineError(2, "--length-decorrelation needs a linear model");
        CliRun.of("train", "--data", data.toString(), "--no-prompt-features", "--no-response-features",
                "--no-length-features", "--out", dir.resolve("bad").toString()).assertOneLineError(2, "the prompt's "
                + "words (--no-prompt-features), the response's words (--no-response-features) and the length "
                + "features (--no-length-features) are all off");
        CliRun.of("train", "--data", data.toString(), "--no-length-features", "--length-decorrelation", "1", "--out",
                dir.resolve("bad").toString()).assertOneLineError(2, "drop --no-length-features");

        CliRun.of("train", "--data", data.toString(), "--model", "mlp", "--hidden-sizes", "0", "--out",
                dir.resolve("bad").toString()).assertOneLineError(2, "--hidden-sizes must list at least one");
        CliRun.of("train", "--data", data.toString(), "--model", "mlp", "--activation", "swish", "--out",
                dir.resolve("bad").toString()).assertOneLineError(2, "--activation must be one of");

        String help = CliRun.of("train", "--help").assertOk().out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--validation-fraction=F Fraction of training groups held out for validation and "
                + "early stopping, in [0, 1) (0: none; default: 0.1, 0 with --solver newton)")
                && help.contains("default: 5 with validation"),
                help);
    }

    @Test
    void trainingPrintsProgressUnlessQuietAndWarnsAboutAnObjectiveWithoutMaximum() throws IOException {
        Path data = generated("data.jsonl", 20, 6);
        CliRun loud = CliRun.of("train", "--data", data.toString(), "--model", "linear", "--epochs", "3",
                "--validation-fraction", "0", "--out", dir.resolve("loud").toString()).assertOk();
        List<String> epochs = loud.err().lines().filter(l -> l.startsWith("epoch ")).toList();
        assertEquals(3, epochs.size(), loud.err());
        assertTrue(epochs.get(0).matches("epoch 1/3: loss [-0-9.]+, pairwise accuracy 0\\.\\d+, [0-9,]+ groups/s, "
                + "[0-9.]+ s, about [0-9]+ s left"), epochs.get(0));
        assertTrue(epochs.get(2).matches("epoch 3/3: .*[0-9.]+ s"), epochs.get(2));
        assertTrue(loud.err().contains("utilities: fixed utility log-sigmoid:1; groups per utility: log-sigmoid:1 16"),
                loud.err());

        CliRun quiet = CliRun.of("train", "--data", data.toString(), "--model", "linear", "--epochs", "3", "--quiet",
                "--out", dir.resolve("quiet").toString()).assertOk();
        assertEquals("", quiet.err());

        CliRun unbounded = CliRun.of("train", "--data", data.toString(), "--utility", "linear", "--model", "linear",
                "--l2", "0", "--epochs", "2", "--quiet", "--out", dir.resolve("unbounded").toString()).assertOk();
        assertEquals(1, unbounded.err().strip().lines().count(), unbounded.err());
        assertTrue(unbounded.err().startsWith("warning: utility linear grows without bound"), unbounded.err());
        CliRun bounded = CliRun.of("train", "--data", data.toString(), "--utility", "linear", "--bounded", "--model",
                "linear", "--epochs", "2", "--quiet", "--out", dir.resolve("bounded").toString()).assertOk();
        assertEquals("", bounded.err());
    }

    @Test
    void scoringOnTheCpuSaysNothingAboutCudaUnlessCudaWasAskedFor() throws IOException {
        Path data = generated("data.jsonl", 12, 7);
        Path run = dir.resolve("run");
        CliRun.of("train", "--data", data.toString(), "--model", "linear", "--epochs", "2", "--quiet", "--out",
                run.toString()).assertOk();
        CliRun scored = CliRun.of("score", "--onnx", run.resolve("model.onnx").toString(), "--data", data.toString(),
                "--out", dir.resolve("scores.jsonl").toString()).assertOk();
        assertEquals("", scored.err());
        assertTrue(scored.out().contains("(ONNX Runtime on cpu)"), scored.out());
        CliRun.of("score", "--onnx", run.resolve("model.onnx").toString(), "--data", data.toString(), "--device",
                "cuda", "--out", dir.resolve("cuda.jsonl").toString()).assertOneLineError(2, "no CUDA provider");
    }

    @Test
    void theoryReadsASpecAsTrainingDoesOnlyWhenAsked() throws IOException {
        JsonNode pure = JSON.readTree(CliRun.of("theory", "--utility", "inverse", "--n", "4", "--json").assertOk().out());
        assertEquals("inverse", pure.get("utility").asText());
        assertEquals("inverse,eps=0.1", pure.get("training_reads_it_as").asText());
        JsonNode training = JSON.readTree(CliRun.of("theory", "--utility", "inverse", "--n", "4", "--json",
                "--training").assertOk().out());
        JsonNode explicit = JSON.readTree(CliRun.of("theory", "--utility", "inverse,eps=0.1", "--n", "4", "--json")
                .assertOk().out());
        assertEquals("inverse,eps=0.1", training.get("utility").asText());
        assertEquals("inverse,eps=0.1", training.get("training_reads_it_as").asText());
        assertEquals(explicit.get("rewards"), training.get("rewards"));
        assertNotEquals(pure.get("rewards"), training.get("rewards"));
        CliRun text = CliRun.of("theory", "--utility", "inverse", "--n", "4").assertOk();
        assertTrue(text.out().contains("training reads 'inverse' as inverse,eps=0.1"), text.out());
        JsonNode linear = JSON.readTree(CliRun.of("theory", "--utility", "linear", "--n", "4", "--json").assertOk().out());
        assertEquals("linear", linear.get("training_reads_it_as").asText());
    }

    @Test
    void anEnsembleTrainsExportsAndScoresWithItsDisagreement() throws IOException {
        Path data = generated("data.jsonl", 40, 8);
        Path run = dir.resolve("ensemble");
        CliRun trained = CliRun.of("train", "--data", data.toString(), "--ensemble", "3", "--bootstrap", "--l2", "0",
                "--epochs", "3", "--quiet", "--out", run.toString()).assertOk();
        assertTrue(trained.out().contains("accuracy by ensemble disagreement decile")
                && trained.out().contains("accuracy by relative disagreement decile"), trained.out());
        assertTrue(Files.readString(run.resolve("metrics.json")).contains("\"disagreement_deciles\""));
        Path scores = dir.resolve("scores.jsonl");
        CliRun.of("score", "--onnx", run.resolve("model.onnx").toString(), "--data", data.toString(), "--out",
                scores.toString()).assertOk();
        String first = Files.readAllLines(scores).get(0);
        assertTrue(first.contains("\"reward_std\":"), first);
        CliRun fromFile = CliRun.of("evaluate", "--scores", scores.toString(), "--data", data.toString(), "--out",
                dir.resolve("eval-scores").toString()).assertOk();
        assertTrue(fromFile.out().contains("sqrt(sd_i^2 + sd_j^2)"), fromFile.out());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(scores));
        lines.set(1, lines.get(1).replaceAll(",\"reward_std\":[^}]*", ""));
        Path mixed = dir.resolve("mixed.jsonl");
        Files.write(mixed, lines);
        CliRun.of("evaluate", "--scores", mixed.toString(), "--data", data.toString(), "--out",
                dir.resolve("eval-mixed").toString()).assertOneLineError(2, "line 2");
        CliRun exported = CliRun.of("export", "--model", run.resolve("model.tribuo").toString(), "--out",
                dir.resolve("e.onnx").toString()).assertOk();
        assertTrue(exported.out().contains("ensemble of 3 LinearRewardModels"), exported.out());
        CliRun.of("train", "--data", data.toString(), "--ensemble", "1", "--out", dir.resolve("bad").toString())
                .assertOneLineError(2, "--ensemble must be in [2, 100], found 1");
        CliRun.of("train", "--data", data.toString(), "--ensemble", "100000", "--out", dir.resolve("bad").toString())
                .assertOneLineError(2, "--ensemble must be in [2, 100], found 100000");
        CliRun.of("train", "--data", data.toString(), "--bootstrap", "--out", dir.resolve("bad").toString())
                .assertOneLineError(2, "--bootstrap applies to --ensemble");
    }
}
