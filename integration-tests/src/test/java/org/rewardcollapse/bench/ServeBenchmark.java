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
package org.rewardcollapse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.experiment.Scoring;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.rewardcollapse.serve.TextPair;
import org.rewardcollapse.serve.TextRewardScorer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reward server under load: requests per second and p50/p99 latency at 1, 8 and 64 concurrent clients with 1 and
 * 32 responses per request, against the runnable jar's {@code serve} (its own JVM, on 127.0.0.1), beside
 * {@code score}'s offline responses per second on the same model and data: a hashed-words linear model trained on the
 * OpenAssistant file, exported and scored by ONNX Runtime on the CPU. Also OpenRLHF's own traffic shape (one query per
 * {@code POST /get_reward}, a new connection per request). The load comes from wrk when it is installed, else from the
 * JDK's HTTP client ({@code -Dserve.bench.generator=jdk} forces it). Prints a table and writes JSON. Run from the
 * project root after {@code mvn -q -B -DskipTests package}:
 * <pre>
 * ORT_DISABLE_TELEMETRY=1 mvn -q -B -pl integration-tests exec:java -Dbench.main=org.rewardcollapse.bench.ServeBenchmark
 * </pre>
 */
public final class ServeBenchmark {
    private static final int[] CLIENTS = {1, 8, 64};
    private static final int[] ITEMS = {1, 32};
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("serve.bench.warmup", 3));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("serve.bench.seconds", 10));
    private static final Pattern READY = Pattern.compile("serving model .* on (http://\\S+) \\(device (\\S+)\\)");

    private ServeBenchmark() {}

    /**
     * Runs the benchmark.
     * @param args Optional output path (default {@code bench-serve.json}).
     * @throws Exception If a run fails.
     */
    public static void main(String[] args) throws Exception {
        ObjectNode results = run();
        if (results != null) {
            Measure.write(results, Path.of(args.length > 0 ? args[0] : "bench-serve.json"));
        }
    }

    /**
     * Runs the benchmark and prints its table.
     * @return The results, or null when the data file is absent.
     * @throws Exception If a run fails.
     */
    static ObjectNode run() throws Exception {
        Path data = Measure.dataFile("oasst_en_100_tree.jsonl");
        if (data == null) {
            return null;
        }
        Path dir = Files.createTempDirectory("serve-bench");
        RankingDataSource source = DataSpec.of(data).load(ResponseFeaturizer.defaults());
        RewardModel model = LinearRewardTrainer.builder().build().train(new MutableDataset<Regressor>(source));
        Path onnx = dir.resolve("oasst-linear.onnx");
        model.saveONNXModel("org.rewardcollapse", 1, onnx);
        List<TextPair> pairs = pairs(source.groups());

        ObjectNode root = Json.mapper().createObjectNode();
        root.put("machine", Measure.machine());
        root.put("model", "hashed-words linear (" + model.getFeatureIDMap().size() + " features), ONNX Runtime on cpu");
        root.put("data", data.getFileName() + " (" + pairs.size() + " responses)");
        double offline = pairs.size() / Measure.medianSeconds(() -> Scoring.withOnnx(onnx, DataSpec.of(data),
                Device.CPU, OnnxRewardScorer.DEFAULT_BATCH_SIZE), 2, 5);
        root.put("offline_score_responses_per_second", offline);
        Path wrk = "jdk".equals(System.getProperty("serve.bench.generator")) ? null : HttpLoad.wrk();
        String generator = wrk == null ? "JDK HttpClient (async)" : "wrk (1 thread)";
        root.put("generator", generator);
        System.out.printf(Locale.ROOT, "Reward server, %s; %s; %s; load from %s, %d s per row after %d s warm-up%n",
                root.get("machine").asText(), root.get("model").asText(), root.get("data").asText(), generator,
                MEASURE.toSeconds(), WARMUP.toSeconds());
        System.out.printf(Locale.ROOT, "offline: score %,.0f responses/s (file read, featurised, scored in one "
                + "thread); 'scorer' below: the same scorer on the same pairs, measured in this JVM just before each "
                + "row (the machine's load drifts)%n", offline);
        System.out.printf(Locale.ROOT, "%-12s %-9s %8s %10s %12s %9s %9s %8s %9s %9s %7s%n", "endpoint", "items/req",
                "clients", "req/s", "responses/s", "p50 ms", "p99 ms", "p99/p50", "scorer/s", "% scorer", "errors");
        ArrayNode rows = root.putArray("rows");
        Process server = startServer(onnx, dir);
        try (TextRewardScorer scorer = TextRewardScorer.onnx(onnx, Device.CPU, EncoderSetup.RECORDED, 1)) {
            Measure.Task offlineRun = () -> scorer.score(pairs);
            URI base = baseOf(server, dir);
            Load load = (endpoint, bodies, clients, closeEach, warmup) -> wrk != null
                    ? HttpLoad.runWrk(wrk, base.resolve(endpoint), bodies, clients, closeEach, warmup, MEASURE, dir)
                    : HttpLoad.runJdk(base.resolve(endpoint), bodies, clients, warmup, MEASURE);
            // The server's JIT compiler is still busy seconds after its first requests: warm it on every shape first.
            for (int items : ITEMS) {
                load.run("/v1/rewards", nativeBodies(pairs, items), 64, false, WARMUP);
            }
            for (int items : ITEMS) {
                List<byte[]> bodies = nativeBodies(pairs, items);
                for (int clients : CLIENTS) {
                    double alone = pairs.size() / Measure.medianSeconds(offlineRun, 2, 5);
                    row(rows, "/v1/rewards", items, clients, false, load.run("/v1/rewards", bodies, clients, false,
                            WARMUP), alone);
                }
            }
            if (wrk != null) {
                List<byte[]> queries = new ArrayList<>();
                for (TextPair pair : pairs) {
                    queries.add(Json.mapper().writeValueAsBytes(Json.mapper().createObjectNode()
                            .<ObjectNode>set("query", Json.mapper().createArrayNode().add(pair.prompt() + pair.response()))
                            .<ObjectNode>set("prompts", Json.mapper().createArrayNode().add(pair.prompt()))
                            .set("labels", Json.mapper().createArrayNode().add(""))));
                }
                double alone = pairs.size() / Measure.medianSeconds(offlineRun, 2, 5);
                row(rows, "/get_reward", 1, 64, true, load.run("/get_reward", queries, 64, true, WARMUP), alone);
            }
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            deleteAll(dir);
        }
        return root;
    }

    /** One load run. */
    @FunctionalInterface
    private interface Load {
        HttpLoad.Result run(String endpoint, List<byte[]> bodies, int clients, boolean closeEach, Duration warmup)
                throws Exception;
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static List<TextPair> pairs(List<PromptGroup> groups) {
        List<TextPair> pairs = new ArrayList<>();
        for (PromptGroup group : groups) {
            for (ScoredResponse response : group.responses()) {
                pairs.add(new TextPair(group.prompt(), response.text()));
            }
        }
        return pairs;
    }

    /** Bodies of {@code items} consecutive pairs each, going round the data. */
    private static List<byte[]> nativeBodies(List<TextPair> pairs, int items) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < pairs.size(); from += items) {
            ArrayNode array = Json.mapper().createArrayNode();
            for (int k = 0; k < items; k++) {
                TextPair pair = pairs.get((from + k) % pairs.size());
                array.addObject().put("prompt", pair.prompt()).put("response", pair.response());
            }
            bodies.add(Json.mapper().writeValueAsBytes(array));
        }
        return bodies;
    }

    private static void row(ArrayNode rows, String endpoint, int items, int clients, boolean closeEach,
                            HttpLoad.Result result, double scorerAlone) {
        double responses = result.requestsPerSecond() * items;
        double ratio = result.p99Millis() / result.p50Millis();
        String label = endpoint + (closeEach ? "*" : "");
        System.out.printf(Locale.ROOT, "%-12s %-9d %8d %10.0f %12.0f %9.2f %9.2f %8.1f %9.0f %8.0f%% %7d%n", label,
                items, clients, result.requestsPerSecond(), responses, result.p50Millis(), result.p99Millis(), ratio,
                scorerAlone, 100 * responses / scorerAlone, result.errors());
        ObjectNode row = rows.addObject();
        row.put("endpoint", endpoint);
        row.put("new_connection_per_request", closeEach);
        row.put("items_per_request", items);
        row.put("clients", clients);
        row.put("requests_per_second", result.requestsPerSecond());
        row.put("responses_per_second", responses);
        row.put("p50_ms", result.p50Millis());
        row.put("p99_ms", result.p99Millis());
        row.put("p99_over_p50", ratio);
        row.put("offline_scorer_responses_per_second", scorerAlone);
        row.put("fraction_of_offline_scorer", responses / scorerAlone);
        row.put("errors", result.errors());
    }

    /** The runnable jar's {@code serve} on a free port of 127.0.0.1, in its own JVM. */
    private static Process startServer(Path onnx, Path dir) throws IOException {
        Path jar = null;
        for (String candidate : new String[]{System.getProperty("rewardcollapse.jar", ""),
                "tribuo-rewardcollapse/target/rewardcollapse.jar", "../tribuo-rewardcollapse/target/rewardcollapse.jar"}) {
            if (!candidate.isEmpty() && Files.isRegularFile(Path.of(candidate))) {
                jar = Path.of(candidate).toAbsolutePath();
                break;
            }
        }
        if (jar == null) {
            throw new IllegalStateException("no runnable jar: run mvn -q -B -DskipTests package first");
        }
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "serve", "--onnx", onnx.toString(), "--device", "cpu", "--port", "0")
                .redirectOutput(dir.resolve("server.out").toFile()).redirectError(dir.resolve("server.err").toFile())
                .start();
    }

    private static URI baseOf(Process server, Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && server.isAlive()) {
            Matcher ready = READY.matcher(Files.readString(dir.resolve("server.out")));
            if (ready.find()) {
                return URI.create(ready.group(1));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not start: " + Files.readString(dir.resolve("server.err")));
    }
}
