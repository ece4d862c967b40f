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
package org.rewardcollapse.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.GroupSplitter;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.eval.EvaluationWriter;
import org.rewardcollapse.eval.RankingEvaluation;
import org.rewardcollapse.eval.RankingEvaluator;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.text.OnnxTextEncoder;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library as a Maven user gets it, without its optional dependencies (the command line's picocli and XChart, and
 * the sentence encoders' DJL and model jar): it trains and evaluates, writes its metrics and says in one line that it
 * draws no plots, and prints no SLF4J warning.
 */
class LibraryUserIT {
    /** Jars a library user does not inherit: the library's optional dependencies, and Spark's (test scope here). */
    private static final List<String> OPTIONAL = List.of("picocli", "xchart", "/org/apache/spark/", "/org/scala-lang/",
            "/org/apache/logging/log4j/", "/org/eclipse/jetty/");
    /**
     * The sentence encoder's optional dependencies, which a user who encodes text adds as the README says: DJL's
     * tokenizer, the model jar and an SLF4J provider (here slf4j-jdk14, which the test adds to the class path).
     */
    private static final List<String> ENCODER = List.of("/ai/djl/", "langchain4j");

    @TempDir
    Path dir;

    /**
     * What the library user's program does.
     * @param args The output directory.
     * @throws IOException If the evaluation cannot be written.
     */
    public static void main(String[] args) throws IOException {
        System.out.println("picocli on the class path: " + present("picocli.CommandLine"));
        System.out.println("jetty on the class path: " + present("org.eclipse.jetty.server.Server"));
        if (args[0].equals("encode")) {
            System.out.println("width " + OnnxTextEncoder.miniLm().encode(List.of("a library user's text")).get(0).length);
            return;
        }
        MutableDataset<Regressor> data = new MutableDataset<>(new SyntheticRankingSource(64, 0.5, 7L,
                ResponseFeaturizer.defaults()));
        GroupSplitter.Split<Regressor> split = GroupSplitter.trainTest(data, 0.75, 42L);
        RewardModel model = LinearRewardTrainer.builder().epochs(3).build().train(split.train());
        RankingEvaluation evaluation = new RankingEvaluator().evaluate(model, split.test());
        Path directory = Files.createDirectories(Path.of(args[1]));
        EvaluationWriter.write(evaluation.report(), null, List.of(), "a library user's model", directory);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void trainsAndEvaluatesWithoutTheOptionalDependenciesAndSaysOnceThatItDrawsNoPlots() throws Exception {
        String[] run = run(false, "evaluate", dir.resolve("evaluation").toString());
        assertTrue(run[0].contains("picocli on the class path: false"), run[0]);
        assertTrue(run[0].contains("jetty on the class path: false"), run[0]);
        List<String> warnings = run[1].lines().filter(line -> line.startsWith("WARNING")).toList();
        assertEquals(1, warnings.size(), run[1]);
        assertTrue(warnings.get(0).contains("plots are not drawn: the plotting library org.knowm.xchart:xchart"),
                run[1]);
        try (Stream<Path> files = Files.list(dir.resolve("evaluation"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("metrics.json"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".png")), names.toString());
        }
    }

    @Test
    void encodesTextWithTheEncoderDependenciesAndPrintsNoWarning() throws Exception {
        String[] run = run(true, "encode");
        assertTrue(run[0].contains("width 384"), run[0] + run[1]);
        assertFalse(run[1].contains("SLF4J"), "one logging story: " + run[1]);
        assertFalse(run[1].contains("WARNING"), run[1]);
    }

    /** The slf4j-jdk14 jar in the local Maven repository, beside the slf4j-api jar on this class path. */
    private static String slf4jJdk14() {
        String api = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("slf4j-api")).findFirst().orElseThrow();
        Path apiJar = Path.of(api);
        String version = apiJar.getParent().getFileName().toString();
        Path jdk14 = apiJar.getParent().getParent().getParent().resolve("slf4j-jdk14").resolve(version)
                .resolve("slf4j-jdk14-" + version + ".jar");
        assertTrue(Files.isRegularFile(jdk14), "the build resolves " + jdk14);
        return jdk14.toString();
    }

    /** Runs {@link #main} as a library user's program; returns its standard output and error. */
    private String[] run(boolean withEncoder, String... args) throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> OPTIONAL.stream().noneMatch(entry.replace('\\', '/')::contains))
                .filter(entry -> withEncoder || ENCODER.stream().noneMatch(entry.replace('\\', '/')::contains))
                .collect(Collectors.joining(File.pathSeparator));
        if (withEncoder) {
            classPath += File.pathSeparator + slf4jJdk14();
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, LibraryUserIT.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // what the README asks of a library user who encodes text: DJL offline, ONNX Runtime without telemetry
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program ends");
        String[] printed = {Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)};
        assertEquals(0, process.exitValue(), printed[0] + printed[1]);
        return printed;
    }
}
