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

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.cli.RewardCollapseCli;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.experiment.RunLayout;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.spark.EncodedColumns;
import org.rewardcollapse.spark.ScoreColumns;
import org.rewardcollapse.spark.SparkEncodeJob;
import org.rewardcollapse.spark.SparkScoreJob;
import org.rewardcollapse.spark.SparkTrainJob;
import org.rewardcollapse.text.EmbeddingCache;
import org.rewardcollapse.text.KnownEncoder;
import org.rewardcollapse.text.OnnxTextEncoder;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark jobs on a real standalone cluster: a master and two workers (one core, 1 GB each) started from Spark's
 * Maven jars as JVMs of their own, bound to 127.0.0.1, and each job submitted through Spark's {@code SparkSubmit}
 * (what {@code spark-submit} runs) in client mode with the Spark application jar, {@code rewardcollapse-spark.jar},
 * which the executors, in JVMs the workers start, fetch from the driver ({@code spark.jars}). Train
 * ({@code SparkTrainJob}, two partitions) then score with {@code --evaluate} ({@code SparkScoreJob}) a small generated
 * ranked file: every weight within 1e-6 of a local Newton training, every reward within 1e-6 of the {@code score}
 * command's. Then the sentence-encoder path on a smaller file: {@code SparkEncodeJob --encoder minilm} (the executors
 * encode with the all-MiniLM-L6-v2 of the application jar; every vector within 1e-6 of the local
 * {@code OnnxTextEncoder}'s, and DJL's tokenizer library unpacked in each executor's own directory),
 * {@code SparkTrainJob --encoder minilm --encoded} from those vectors (every weight within 1e-6 of {@code train
 * --encoder minilm --solver newton --l2 1 --unpenalised none --test-fraction 0}) and {@code SparkScoreJob --evaluate}
 * of that model, whose featuriser the executors rebuild from the ONNX metadata and so encode the text again (every
 * reward within 1e-6 of {@code score}'s). The daemons and the executors get no DJL settings from the build, as on a
 * cluster's nodes. Master, workers and the executors they started are stopped by process id, whatever happens.
 */
class SparkStandaloneClusterIT {
    private static final int START_SECONDS = 90;
    private static final int JOB_SECONDS = 240;
    /** Train and score with hashed words, then encode, train and score with MiniLM. */
    private static final int APPLICATIONS = 5;

    @TempDir
    Path dir;

    /** The processes this test started, stopped last first. */
    private final List<Process> started = new ArrayList<>();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void trainThenScoreOnAStandaloneClusterAsOnOneMachine() throws Exception {
        long begin = System.nanoTime();
        Path thinJar = Path.of(System.getProperty("rewardcollapse.jar",
                "../tribuo-rewardcollapse/target/rewardcollapse.jar")).toAbsolutePath().resolveSibling(
                "rewardcollapse-spark.jar");
        assertTrue(Files.isRegularFile(thinJar), "the package phase builds " + thinJar);
        Path sparkHome = sparkHome();
        // As spark-class puts it: the configuration directory, then the jars.
        String sparkClassPath = sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars").resolve("*");
        List<String> javaOptions = sparkJavaOptions();

        Path data = dir.resolve("train.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(200, 0.5, 3L), data);
        try {
            int masterPort = freePort();
            String master = "spark://127.0.0.1:" + masterPort;
            Process masterProcess = daemon(sparkHome, sparkClassPath, javaOptions, "master", List.of(
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
            awaitLog(masterProcess, dir.resolve("master.log"), "I have been elected leader");
            List<Path> workDirs = new ArrayList<>();
            List<Process> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Path workDir = Files.createDirectories(dir.resolve("worker-" + w));
                workDirs.add(workDir);
                workers.add(daemon(sparkHome, sparkClassPath, javaOptions, "worker-" + w, List.of(
                        "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory",
                        "1g", "--webui-port", String.valueOf(freePort()), "--work-dir", workDir.toString(), master)));
            }
            for (int w = 0; w < 2; w++) {
                awaitLog(workers.get(w), dir.resolve("worker-" + w + ".log"), "Successfully registered with master");
            }
            double startSeconds = (System.nanoTime() - begin) / 1e9;
            long trainStart = System.nanoTime();

            // Train on the cluster (two partitions, one per executor), against a local Newton training.
            Path trained = dir.resolve("trained");
            String trainOut = submit(sparkHome, sparkClassPath, javaOptions, master, thinJar, "train",
                    SparkTrainJob.class.getName(), "--data", data.toString(), "--out", trained.toString(),
                    "--partitions", "2");
            assertTrue(trainOut.contains("on Spark (" + master + ", 2 partitions)"), tail(trainOut));
            double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
            RewardModel onCluster = ModelFiles.readRewardModel(trained.resolve(SparkTrainJob.MODEL));
            MutableDataset<Regressor> same = new MutableDataset<>(new DataSpec(data, null, null, List.of())
                    .load(ResponseFeaturizer.defaults()));
            RewardModel local = LinearRewardTrainer.builder().solver(LinearSolver.NEWTON)
                    .objective(RankingObjective.builder().utility("log-sigmoid:1").build()).l2(1.0).build()
                    .train(same);
            double worstWeight = worstWeight(onCluster, local);
            assertTrue(worstWeight <= 1e-6, "a weight differs from the local training's by " + worstWeight);

            // Score with --evaluate on the cluster, against the score command on one machine.
            Path onnx = trained.resolve(SparkTrainJob.ONNX);
            Path scored = dir.resolve("scored");
            long scoreStart = System.nanoTime();
            String scoreOut = submit(sparkHome, sparkClassPath, javaOptions, master, thinJar, "score",
                    SparkScoreJob.class.getName(), "--onnx", onnx.toString(), "--data", data.toString(), "--out",
                    scored.toString(), "--evaluate");
            assertTrue(scoreOut.contains("scored 1,600 responses"), tail(scoreOut));
            double scoreSeconds = (System.nanoTime() - scoreStart) / 1e9;
            assertTrue(Files.isRegularFile(scored.resolve(SparkScoreJob.METRICS)), tail(scoreOut));
            Json.mapper().readTree(scored.resolve(SparkScoreJob.METRICS).toFile());
            Map<String, Double> expected = localScores(onnx, data);
            Map<String, Double> actual = parquetRewards(scored.resolve(SparkScoreJob.SCORES));
            double worstReward = worstReward(expected, actual);
            assertTrue(worstReward <= 1e-6, "a reward differs from score's by " + worstReward);

            // The sentence-encoder path on a small file of its own (10 prompts of 8 responses): spark-encode with
            // all-MiniLM-L6-v2, which the executors load from the application jar, then spark-train from its vectors,
            // then spark-score --evaluate of that model, whose featuriser the executors rebuild from the ONNX
            // metadata (encoding the text again there); each against the same on one machine.
            long encoderStart = System.nanoTime();
            List<PromptGroup> small = TruncationBenchmark.generate(10, 0.5, 7L);
            Path smallData = dir.resolve("encoder-train.jsonl");
            RankedJsonlWriter.write(small, smallData);
            Path encoded = dir.resolve("encoded");
            String encodeOut = submit(sparkHome, sparkClassPath, javaOptions, master, thinJar, "encode",
                    SparkEncodeJob.class.getName(), "--data", smallData.toString(), "--encoder", "minilm", "--out",
                    encoded.toString(), "--partitions", "2");
            assertTrue(encodeOut.contains("encoded 80 responses with their prompts"), tail(encodeOut));
            assertTrue(encodeOut.contains("2 partitions); 0 bad input lines"), tail(encodeOut));
            double encodeSeconds = (System.nanoTime() - encoderStart) / 1e9;

            // (a) Every vector the executors made against the single-machine encoder's; the local encoder fills a
            // cache that the local training and scoring below read, so this machine encodes each text once.
            Map<String, String> texts = new LinkedHashMap<>();
            for (PromptGroup g : small) {
                texts.put(EmbeddingCache.keyOf(g.prompt()), g.prompt());
                for (ScoredResponse r : g.responses()) {
                    texts.put(EmbeddingCache.keyOf(r.text()), r.text());
                }
            }
            Path localCache = dir.resolve("local-embedding-cache");
            OnnxTextEncoder localEncoder = OnnxTextEncoder.of(KnownEncoder.MINILM, 0, "cpu", 1).withCache(localCache);
            List<String> keys = new ArrayList<>(texts.keySet());
            List<float[]> localVectors = localEncoder.encode(new ArrayList<>(texts.values()));
            Map<String, float[]> clusterVectors = parquetVectors(encoded.resolve(SparkEncodeJob.ENCODED));
            assertEquals(texts.keySet(), clusterVectors.keySet(), "a vector for every prompt and response");
            assertTrue(keys.size() >= 36, "a few dozen texts: " + keys.size());
            double worstVector = 0;
            for (int i = 0; i < keys.size(); i++) {
                float[] local1 = localVectors.get(i);
                float[] remote = clusterVectors.get(keys.get(i));
                assertEquals(local1.length, remote.length, "the encoder's width");
                for (int j = 0; j < local1.length; j++) {
                    worstVector = Math.max(worstVector, Math.abs(local1[j] - remote[j]));
                }
            }
            assertTrue(worstVector <= 1e-6, "a vector differs from the local encoder's by " + worstVector);

            // (b) spark-train from the executors' vectors against train --encoder minilm on one machine (the flags
            // that give spark-train's trainer: Newton, l2 1, every weight penalised, every group trained on).
            Path trainedEncoder = dir.resolve("trained-minilm");
            long trainEncoderStart = System.nanoTime();
            String trainEncoderOut = submit(sparkHome, sparkClassPath, javaOptions, master, thinJar, "train-minilm",
                    SparkTrainJob.class.getName(), "--data", smallData.toString(), "--encoder", "minilm",
                    "--encoded", encoded.toString(), "--out", trainedEncoder.toString(), "--partitions", "2");
            assertTrue(trainEncoderOut.contains(texts.size() + " vectors from the executors"), tail(trainEncoderOut));
            assertTrue(trainEncoderOut.contains("on Spark (" + master + ", 2 partitions)"), tail(trainEncoderOut));
            double trainEncoderSeconds = (System.nanoTime() - trainEncoderStart) / 1e9;
            Path localEncoderRun = dir.resolve("local-minilm");
            cli("train", "--data", smallData.toString(), "--encoder", "minilm", "--solver", "newton", "--l2", "1",
                    "--unpenalised", "none", "--test-fraction", "0", "--embedding-cache", localCache.toString(),
                    "--out", localEncoderRun.toString());
            RewardModel encoderOnCluster = ModelFiles.readRewardModel(trainedEncoder.resolve(SparkTrainJob.MODEL));
            double worstEncoderWeight = worstWeight(encoderOnCluster,
                    ModelFiles.readRewardModel(localEncoderRun.resolve(RunLayout.MODEL)));
            assertTrue(worstEncoderWeight <= 1e-6, "a weight differs from train --encoder minilm's by "
                    + worstEncoderWeight);

            // (c) spark-score --evaluate of the MiniLM model (the executors encode the text) against score.
            Path encoderOnnx = trainedEncoder.resolve(SparkTrainJob.ONNX);
            Path scoredEncoder = dir.resolve("scored-minilm");
            long scoreEncoderStart = System.nanoTime();
            String scoreEncoderOut = submit(sparkHome, sparkClassPath, javaOptions, master, thinJar, "score-minilm",
                    SparkScoreJob.class.getName(), "--onnx", encoderOnnx.toString(), "--data", smallData.toString(),
                    "--out", scoredEncoder.toString(), "--evaluate");
            assertTrue(scoreEncoderOut.contains("scored 80 responses"), tail(scoreEncoderOut));
            double scoreEncoderSeconds = (System.nanoTime() - scoreEncoderStart) / 1e9;
            Json.mapper().readTree(scoredEncoder.resolve(SparkScoreJob.METRICS).toFile());
            double worstEncoderReward = worstReward(localScores(encoderOnnx, smallData, "--embedding-cache",
                    localCache.toString()), parquetRewards(scoredEncoder.resolve(SparkScoreJob.SCORES)));
            assertTrue(worstEncoderReward <= 1e-6, "a MiniLM model's reward differs from score's by "
                    + worstEncoderReward);
            double encoderSeconds = (System.nanoTime() - encoderStart) / 1e9;

            // Both jobs ran on executors the workers started (JVMs of their own), each of which fetched the
            // application jar from the driver; the training's two partitions ran on both workers.
            for (Path workDir : workDirs) {
                List<Path> logs;
                try (Stream<Path> files = Files.walk(workDir)) {
                    logs = files.filter(p -> p.getFileName().toString().equals("stderr")).sorted().toList();
                }
                assertEquals(APPLICATIONS, logs.size(), workDir + ": one executor for each of the " + APPLICATIONS
                        + " applications " + logs);
                for (Path log : logs) {
                    String text = Files.readString(log, StandardCharsets.UTF_8);
                    assertTrue(text.contains("/jars/rewardcollapse-spark.jar"), log + ": the executor fetches the "
                            + "jar\n" + tail(text));
                }
                // Application ids sort by time: the first is the training.
                String training = Files.readString(logs.get(0), StandardCharsets.UTF_8);
                assertTrue(training.contains("Finished task"), logs.get(0) + ": the training ran here\n"
                        + tail(training));
                // The third is the encoding: this executor encoded texts with the MiniLM of the application jar.
                String encoding = Files.readString(logs.get(2), StandardCharsets.UTF_8);
                assertTrue(encoding.contains("Finished task"), logs.get(2) + ": the encoding ran here\n"
                        + tail(encoding));
                // ... and DJL unpacked its tokenizer library in the executor's own directory, not under ~/.djl.ai.
                Path djl = logs.get(2).getParent().resolve("djl");
                assertTrue(Files.isDirectory(djl), djl + ": DJL's directory on this executor");
                try (Stream<Path> files = Files.walk(djl)) {
                    assertTrue(files.anyMatch(p -> p.getFileName().toString().contains("tokenizers")),
                            djl + ": DJL's tokenizer library");
                }
            }
            System.out.printf("standalone cluster (master + 2 workers) up in %.1f s; train %.1f s, score %.1f s "
                    + "(spark-submit to exit); weights within %.1e of the local training, %d rewards within %.1e of "
                    + "score's; MiniLM path %.1f s (encode %.1f s, train %.1f s, score %.1f s): %d vectors within %.1e "
                    + "of the local encoder's, weights within %.1e of train --encoder minilm, rewards within %.1e of "
                    + "score's; %.1f s in all%n", startSeconds, trainSeconds, scoreSeconds, worstWeight, actual.size(),
                    worstReward, encoderSeconds, encodeSeconds, trainEncoderSeconds, scoreEncoderSeconds, keys.size(),
                    worstVector, worstEncoderWeight, worstEncoderReward, (System.nanoTime() - begin) / 1e9);
        } finally {
            stopAll();
            keepLogs();
        }
    }

    /**
     * A Spark home as a distribution lays it out, {@code jars/} holding Spark's class path: this test's class path
     * without the project, its own libraries and the test tools, with the commons-compress, commons-io and
     * commons-codec that Spark 4.0.4 ships in place of the project's newer ones. The workers build their executors'
     * class path from it.
     */
    private Path sparkHome() throws IOException {
        Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.matches(".*(/org/tribuo/|/com/oracle/labs/|/com/microsoft/onnxruntime/|/ai/djl/|/dev/langchain4j/"
                    + "|/info/picocli/|/org/knowm/|/com/opencsv/|slf4j-jdk14|/org/junit/|/opentest4j/|/apiguardian/"
                    + "|/ml/dmlc/|/io/github/metarank/|/org/eclipse/jetty/|/commons-beanutils/|/commons-logging/"
                    + "|commons-compress|/commons-io/|/commons-codec/|tribuo-rewardcollapse|/target/).*")
                    && entry.endsWith(".jar")) {
                entries.add(Path.of(entry));
            }
        }
        try (Stream<Path> spark = Files.list(Path.of("target/spark-jars").toAbsolutePath())) {
            spark.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(entries::add);
        }
        assertTrue(entries.stream().anyMatch(p -> p.getFileName().toString().startsWith("spark-core_2.13-4.0.4")),
                "Spark on the test class path");
        assertEquals(3, entries.stream().filter(p -> p.toString().contains("/target/spark-jars/")).count(),
                "Spark's commons-compress, commons-io and commons-codec in target/spark-jars");
        for (Path jar : entries) {
            Path link = jars.resolve(jar.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        // Warnings only, but for the lines this test waits for and checks (the daemons' state, the executors' fetch of
        // the application jar and their tasks).
        Path conf = Files.createDirectories(dir.resolve("spark-home").resolve("conf"));
        Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.stderr.ref = console",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex",
                "logger.deploy.name = org.apache.spark.deploy",
                "logger.deploy.level = info",
                "logger.utils.name = org.apache.spark.util.Utils",
                "logger.utils.level = info",
                "logger.executor.name = org.apache.spark.executor.Executor",
                "logger.executor.level = info", ""));
        return dir.resolve("spark-home");
    }

    /** The options Spark needs on Java 17, as the build gives this JVM (the parent pom's spark.java17.options). */
    private static List<String> sparkJavaOptions() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("--add-") || o.startsWith("-XX:+Ignore") || o.startsWith("-Djdk.reflect")
                        || o.startsWith("-Dio.netty")).toList();
        assertTrue(options.stream().anyMatch(o -> o.startsWith("--add-opens")), "the build's Spark options " + options);
        return options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private ProcessBuilder sparkProcess(Path sparkHome, String classPath, List<String> javaOptions, String heap,
                                        List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), heap));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", classPath));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("spark-local")).toString());
        env.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
        env.remove("SPARK_TESTING");
        env.remove("SPARK_CLASSPATH");
        env.remove("SPARK_DIST_CLASSPATH");
        env.put("ORT_DISABLE_TELEMETRY", "1");
        // No DJL settings from the build: the jobs set DJL's tokenizer offline themselves, and the executors (started
        // by the workers, with their environment) unpack its library in their own directory, as on a cluster's nodes.
        for (String name : List.of("OPT_OUT_TRACKING", "DJL_OFFLINE", "REWARDCOLLAPSE_EMBEDDING_CACHE")) {
            env.remove(name);
        }
        if (!mainAndArgs.get(0).equals("org.apache.spark.deploy.SparkSubmit")) {
            env.remove("DJL_CACHE_DIR");
            env.remove("ENGINE_CACHE_DIR");
        }
        return builder;
    }

    private Process daemon(Path sparkHome, String classPath, List<String> javaOptions, String name,
                           List<String> mainAndArgs) throws IOException {
        // The daemons only pass messages and start executors: a small heap, one GC thread, no optimising compiler.
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        options.addAll(javaOptions);
        Process process = sparkProcess(sparkHome, classPath, options, "-Xmx256m", mainAndArgs,
                dir.resolve(name + ".log")).start();
        started.add(process);
        return process;
    }

    /** Waits for a line in a daemon's log, failing at once if it ends. */
    private static void awaitLog(Process process, Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(log.getFileName() + " ended with " + process.exitValue() + ":\n" + tail(text));
            }
            Thread.sleep(250);
        }
        throw new AssertionError(log.getFileName() + ": no '" + line + "' within " + START_SECONDS + " s:\n"
                + tail(Files.readString(log, StandardCharsets.UTF_8)));
    }

    /** Runs a job as spark-submit does (SparkSubmit, client mode) and returns what it printed; it must succeed. */
    private String submit(Path sparkHome, String classPath, List<String> javaOptions, String master, Path jar,
                          String name, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--deploy-mode", "client", "--class", mainClass, "--name", "rewardcollapse-" + name,
                "--executor-memory", "512m", "--total-executor-cores", "2",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", javaOptions),
                "--conf", "spark.executorEnv.ORT_DISABLE_TELEMETRY=1",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2",
                // Both executors up before the first task, so that both jobs run on both workers.
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                jar.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        Process process = sparkProcess(sparkHome, classPath, javaOptions, "-Xmx768m", command, log).start();
        started.add(process);
        boolean ended = process.waitFor(JOB_SECONDS, TimeUnit.SECONDS);
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, name + " did not end within " + JOB_SECONDS + " s:\n" + tail(printed));
        assertEquals(0, process.exitValue(), name + ":\n" + tail(printed));
        return printed;
    }

    /** What the score command gives on one machine, by prompt id and response index. */
    private Map<String, Double> localScores(Path onnx, Path data, String... more) throws IOException {
        Path scores = dir.resolve("local-scores-" + onnx.getParent().getFileName() + ".jsonl");
        List<String> args = new ArrayList<>(List.of("score", "--onnx", onnx.toString(), "--data", data.toString(),
                "--out", scores.toString()));
        args.addAll(List.of(more));
        cli(args.toArray(new String[0]));
        Map<String, Double> rewards = new HashMap<>();
        for (String line : Files.readAllLines(scores)) {
            JsonNode node = Json.mapper().readTree(line);
            rewards.put(node.get("prompt_id").asText() + "#" + node.get("response_index").asInt(),
                    node.get("reward").asDouble());
        }
        return rewards;
    }

    /** Runs a command of the command line in this JVM; it must succeed. */
    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        int status = RewardCollapseCli.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
        assertEquals(0, status, String.join(" ", args) + ":\n" + tail(out.toString()));
    }

    /** The largest difference between two models' weights, which must have the same features. */
    private static double worstWeight(RewardModel actual, RewardModel expected) {
        double[][] a = actual.network().layerWeights(0);
        double[][] b = expected.network().layerWeights(0);
        assertEquals(b.length, a.length, "the same features");
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, Math.abs(a[k][0] - b[k][0]));
        }
        return worst;
    }

    /** The largest difference between two score maps, which must have the same keys. */
    private static double worstReward(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        double worst = 0;
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            worst = Math.max(worst, Math.abs(e.getValue() - actual.get(e.getKey())));
        }
        return worst;
    }

    /**
     * The vectors of spark-encode's Parquet output by cache key (the SHA-256 of the text), responses' and prompts'
     * alike, read with Parquet's own reader; a text's vector must be the same bits wherever it occurs.
     */
    private static Map<String, float[]> parquetVectors(Path encoded) throws IOException {
        Map<String, float[]> vectors = new HashMap<>();
        List<Path> parts;
        try (Stream<Path> files = Files.list(encoded)) {
            parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertTrue(!parts.isEmpty(), "Parquet files in " + encoded);
        int rows = 0;
        for (Path part : parts) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(part.toUri())).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    rows++;
                    putVector(vectors, row.getString(EncodedColumns.RESPONSE_KEY, 0),
                            row.getGroup(EncodedColumns.EMBEDDING, 0));
                    if (row.getFieldRepetitionCount(EncodedColumns.PROMPT_KEY) > 0) {
                        putVector(vectors, row.getString(EncodedColumns.PROMPT_KEY, 0),
                                row.getGroup(EncodedColumns.PROMPT_EMBEDDING, 0));
                    }
                }
            }
        }
        assertTrue(rows > 0, "rows in " + encoded);
        return vectors;
    }

    /** A Parquet list of floats (Spark's three-level layout: list, then element). */
    private static void putVector(Map<String, float[]> vectors, String key, Group list) {
        int n = list.getFieldRepetitionCount(0);
        float[] vector = new float[n];
        for (int i = 0; i < n; i++) {
            vector[i] = list.getGroup(0, i).getFloat(0, 0);
        }
        float[] earlier = vectors.putIfAbsent(key, vector);
        assertTrue(earlier == null || java.util.Arrays.equals(earlier, vector), "one vector per text: " + key);
    }

    /** The job's Parquet scores, read with Parquet's own reader (no Spark in this JVM). */
    private static Map<String, Double> parquetRewards(Path scores) throws IOException {
        Map<String, Double> rewards = new HashMap<>();
        List<Path> parts;
        try (Stream<Path> files = Files.list(scores)) {
            parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertTrue(!parts.isEmpty(), "Parquet files in " + scores);
        for (Path part : parts) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(part.toUri())).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    String key = row.getString(ScoreColumns.PROMPT_ID, 0) + "#"
                            + row.getInteger(ScoreColumns.RESPONSE_INDEX, 0);
                    assertTrue(rewards.put(key, row.getDouble(ScoreColumns.REWARD, 0)) == null, "twice: " + key);
                }
            }
        }
        return rewards;
    }

    /**
     * Stops every process this test started, and what they started (the executors), by process id: SIGTERM, up to
     * 15 s, then SIGKILL, up to 10 s; an interrupt (JUnit's timeout) cuts no process's stop short.
     */
    private void stopAll() {
        boolean interrupted = Thread.interrupted();
        for (int i = started.size() - 1; i >= 0; i--) {
            Process process = started.get(i);
            List<ProcessHandle> children = process.descendants().toList();
            interrupted |= stop(process.toHandle());
            for (ProcessHandle child : children) {
                interrupted |= stop(child);
            }
        }
        started.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a process; returns whether this thread was interrupted meanwhile. */
    private static boolean stop(ProcessHandle process) {
        boolean interrupted = false;
        for (boolean force : new boolean[]{false, true}) {
            if (!process.isAlive()) {
                return interrupted;
            }
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(force ? 10 : 15);
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    process.onExit().get(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // Still running: wait on.
                }
            }
        }
        if (process.isAlive()) {
            System.err.println("process " + process.pid() + " still runs 10 s after SIGKILL");
        }
        return interrupted;
    }

    /** The daemons', drivers' and executors' logs, kept in target/spark-standalone-logs for a look after a run. */
    private void keepLogs() {
        Path kept = Path.of("target/spark-standalone-logs").toAbsolutePath();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path log : files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && (p.getFileName().toString().endsWith(".log") || p.getFileName().toString().equals("stderr")))
                    .toList()) {
                Path copy = kept.resolve(dir.relativize(log).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(log, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("logs not kept: " + e);
        }
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
