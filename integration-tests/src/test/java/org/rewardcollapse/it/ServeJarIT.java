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
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve} as a user runs it: the runnable jar in its own JVM on a free port, its ready line, a request, and
 * SIGTERM with a large request in flight, which is answered before the process ends.
 */
class ServeJarIT {
    private static final Pattern READY = Pattern.compile(
            "serving model .* on (http://127\\.0\\.0\\.1:\\d+) \\(device cpu\\); POST /get_reward, /v1/rewards");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    @Test
    void theJarServesUntilSigtermAndFinishesTheRequestInFlight() throws Exception {
        Path data = dir.resolve("data.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(16, 0.5, 2L), data);
        RewardModel model = LinearRewardTrainer.builder().epochs(2).build().train(new MutableDataset<Regressor>(
                new RankedJsonlSource(data, ResponseFeaturizer.defaults())));
        Path onnx = dir.resolve("model.onnx");
        model.saveONNXModel("org.rewardcollapse", 1, onnx);
        Path jar = Path.of(System.getProperty("rewardcollapse.jar", "../tribuo-rewardcollapse/target/rewardcollapse.jar"))
                .toAbsolutePath();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        // Output to files: destroy() closes the process's streams.
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "serve", "--onnx", onnx.toString(), "--port", "0", "--device", "cpu")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long started = System.nanoTime();
            while (Files.readString(out).isEmpty() && process.isAlive()) {
                assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60), "no ready line within 60 s");
                Thread.sleep(50);
            }
            String line = Files.readString(out).strip();
            Matcher ready = READY.matcher(line);
            assertTrue(ready.matches(), line + "\n" + Files.readString(err));
            URI base = URI.create(ready.group(1));
            HttpResponse<String> one = send(HttpRequest.newBuilder(base.resolve("/get_reward"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":[\"Question? Answer.\"],\"prompts\":[\"Question?\"]}"))
                    .build());
            assertEquals(200, one.statusCode(), one.body());
            assertTrue(one.body().startsWith("{\"rewards\":[") && one.body().contains("\"split\":[\"prompt\"]"), one.body());
            StringBuilder many = new StringBuilder("[");
            for (int i = 0; i < 40_000; i++) {
                many.append(i == 0 ? "" : ",").append("{\"prompt\":\"q").append(i).append("\",\"response\":\"")
                        .append("word ".repeat(1 + i % 50)).append("\"}");
            }
            CompletableFuture<HttpResponse<String>> inFlight = CLIENT.sendAsync(HttpRequest.newBuilder(
                    base.resolve("/v1/rewards")).POST(HttpRequest.BodyPublishers.ofString(many.append(']').toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!send(HttpRequest.newBuilder(base.resolve("/metrics")).build()).body()
                    .contains("\nreward_queue_responses 40000\n")) {
                assertTrue(System.nanoTime() < deadline, "the large request never reached the queue");
                Thread.sleep(20);
            }
            process.destroy();  // SIGTERM
            HttpResponse<String> answered = inFlight.get(120, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode(), answered.body());
            assertTrue(answered.body().startsWith("{\"rewards\":[") && answered.body().split(",").length == 40_000);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server stopped after SIGTERM");
            assertEquals(List.of(line, "stopped: 40,001 responses scored"), Files.readAllLines(out),
                    Files.readString(err));
            assertEquals("", Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
