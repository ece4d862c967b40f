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
package org.rewardcollapse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.experiment.Scoring;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rewardcollapse.serve.ServeFixtures.JSON;
import static org.rewardcollapse.serve.ServeFixtures.get;
import static org.rewardcollapse.serve.ServeFixtures.nativeBody;
import static org.rewardcollapse.serve.ServeFixtures.numbers;
import static org.rewardcollapse.serve.ServeFixtures.post;

/**
 * The reward server over real HTTP (the JDK's client): every endpoint, OpenRLHF's request and reply shapes, the
 * rewards {@code score} gives for the same pairs from both model kinds (a linear model and an ensemble), and every
 * kind of bad request answered with a one-line JSON error while the server keeps serving.
 */
class TestRewardServer {
    @TempDir
    static Path dir;

    private static ServeFixtures.Trained trained;
    private static TextRewardScorer linear;
    private static RewardServer server;

    @BeforeAll
    static void start() {
        trained = ServeFixtures.train(dir, 24);
        linear = TextRewardScorer.jvm(trained.linear(), EncoderSetup.RECORDED);
        server = RewardServer.start(linear, ServeSettings.builder().port(0).maxItems(300).maxTextChars(5_000)
                .maxBodyBytes(200_000).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        linear.close();
    }

    private static URI base() {
        return server.uri();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"model, linear", "onnx, linear", "model, ensemble", "onnx, ensemble"})
    void rewardsAreThoseOfTheScoreCommandForBothModelKinds(String kind, String model) {
        boolean ensemble = model.equals("ensemble");
        Path file = kind.equals("model") ? (ensemble ? trained.ensemble() : trained.linear())
                : (ensemble ? trained.ensembleOnnx() : trained.linearOnnx());
        Scoring.Scores expected = kind.equals("model") ? Scoring.withModel(file, DataSpec.of(trained.data()))
                : Scoring.withOnnx(file, DataSpec.of(trained.data()), Device.CPU, OnnxRewardScorer.DEFAULT_BATCH_SIZE);
        double[] rewards = expected.rows().stream().mapToDouble(ScoresFile.Row::reward).toArray();
        double[] std = expected.rows().stream().mapToDouble(ScoresFile.Row::rewardStd).toArray();
        try (TextRewardScorer scorer = kind.equals("model") ? TextRewardScorer.jvm(file, EncoderSetup.RECORDED)
                : TextRewardScorer.onnx(file, Device.CPU, EncoderSetup.RECORDED, 1);
             RewardServer served = RewardServer.start(scorer, ServeSettings.builder().port(0).build())) {
            HttpResponse<String> answer = post(served.uri(), "/v1/rewards", nativeBody(trained.pairs()));
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(192, rewards.length);
            // The JVM's rewards are bit-identical; ONNX Runtime's may differ in the last float bit between batch shapes.
            double tolerance = kind.equals("model") ? 0 : 1e-6;
            assertArrayEquals(rewards, numbers(answer.body(), "rewards"), tolerance);
            if (ensemble) {
                assertArrayEquals(std, numbers(answer.body(), "reward_std"), tolerance);
            } else {
                assertFalse(answer.body().contains("reward_std"), answer.body());
            }
            // OpenRLHF's shape: each query is the prompt followed by the response.
            var request = JSON.createObjectNode();
            var queries = request.putArray("query");
            var prompts = request.putArray("prompts");
            trained.pairs().forEach(p -> {
                queries.add(p.prompt() + p.response());
                prompts.add(p.prompt());
            });
            HttpResponse<String> openRlhf = post(served.uri(), "/get_reward", request.toString());
            assertEquals(200, openRlhf.statusCode(), openRlhf.body());
            assertArrayEquals(rewards, numbers(openRlhf.body(), "rewards"), tolerance);
            if (ensemble) {
                assertArrayEquals(std, numbers(openRlhf.body(), "extra_logs", "reward_std"), tolerance);
            }
            assertFalse(openRlhf.body().contains("\"scores\"") || openRlhf.body().contains("uncertaint"));
        }
    }

    @Test
    void openRlhfRequestsOfEveryVersionAreAnswered() throws IOException {
        TextPair pair = trained.pairs().get(3);
        double expected = numbers(post(base(), "/v1/rewards", nativeBody(List.of(pair))).body(), "rewards")[0];
        // 0.6.0 and later: query, prompts and labels (any JSON); the query carries the EOS after the response.
        String full = JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("query",
                        JSON.createArrayNode().add(pair.prompt() + pair.response() + "<|im_end|>"))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("prompts", JSON.createArrayNode().add(pair.prompt()))
                .set("labels", JSON.createArrayNode().addObject().put("answer", 42)).toString();
        JsonNode answer = JSON.readTree(post(base(), "/get_reward", full).body());
        assertEquals(expected, answer.get("rewards").get(0).doubleValue());
        assertEquals("prompt", answer.get("split").get(0).asText());
        // Up to 0.8.2: padded on both sides, the prompt padded differently.
        String padded = "{\"query\":" + JSON.writeValueAsString(List.of("<pad><pad>" + pair.prompt() + pair.response()
                + "</s><pad>")) + ",\"prompts\":" + JSON.writeValueAsString(List.of(pair.prompt() + "<pad>")) + ",\"labels\":[\"\"]}";
        answer = JSON.readTree(post(base(), "/get_reward", padded).body());
        assertEquals(expected, answer.get("rewards").get(0).doubleValue());
        assertEquals("stripped", answer.get("split").get(0).asText());
        // Before 0.6.0: the query alone, scored whole with an empty prompt.
        String alone = "{\"query\":" + JSON.writeValueAsString(List.of(pair.prompt() + pair.response())) + "}";
        answer = JSON.readTree(post(base(), "/get_reward", alone).body());
        double whole = numbers(post(base(), "/v1/rewards", nativeBody(List.of(new TextPair("",
                pair.prompt() + pair.response())))).body(), "rewards")[0];
        assertEquals(whole, answer.get("rewards").get(0).doubleValue());
        assertEquals("whole", answer.get("split").get(0).asText());
        // 0.9.1 and later send empty lists to every server but the first.
        HttpResponse<String> empty = post(base(), "/get_reward", "{\"query\":[],\"prompts\":[],\"labels\":[]}");
        assertEquals(200, empty.statusCode());
        assertEquals("{\"rewards\":[]}\n", empty.body());
        assertEquals("application/json", empty.headers().firstValue("Content-Type").orElse(""));
        assertTrue(get(base(), "/metrics").body().contains("reward_openrlhf_queries_total{split=\"whole\"} "));
    }

    @Test
    void scoresAreSentBesideRewardsOnlyWhenAsked() {
        try (RewardServer withScores = RewardServer.start(linear, ServeSettings.builder().port(0).withScores(true)
                .build())) {
            String body = post(withScores.uri(), "/get_reward", "{\"query\":[\"a b c\"]}").body();
            assertArrayEquals(numbers(body, "rewards"), numbers(body, "scores"));
        }
    }

    @Test
    void healthAndMetricsDescribeTheServer() throws IOException {
        post(base(), "/v1/rewards", nativeBody(trained.pairs().subList(0, 5)));
        HttpResponse<String> health = get(base(), "/health");
        assertEquals(200, health.statusCode());
        JsonNode json = JSON.readTree(health.body());
        assertEquals("ready", json.get("status").asText());
        assertEquals(trained.linear().toString(), json.get("model").asText());
        assertEquals("jvm", json.get("device").asText());
        assertEquals("LinearRewardModel", json.get("model_class").asText());
        assertTrue(json.get("features").asInt() > 100, health.body());
        HttpResponse<String> metrics = get(base(), "/metrics");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElse(""));
        String text = metrics.body();
        for (String line : List.of("# TYPE reward_http_requests_total counter",
                "reward_http_requests_total{endpoint=\"/v1/rewards\",code=\"200\"} ", "reward_responses_scored_total ",
                "reward_batch_size_bucket{le=\"+Inf\"} ", "reward_request_duration_seconds_bucket{endpoint=\"/v1/rewards\",le=\"0.0005\"} ",
                "reward_queue_responses 0", "reward_requests_in_flight 1", "reward_ready 1")) {
            assertTrue(text.contains(line), line + " in\n" + text);
        }
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("reward_[a-z_]+(\\{[^}]*})? [0-9.E+-]+"), "not exposition format: " + line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON           | POST | /v1/rewards | {oops                                | 400 | invalid JSON",
            "wrong type         | POST | /v1/rewards | [{\"prompt\":1,\"response\":\"r\"}]  | 400 | item 0, \"prompt\" must be a string",
            "missing field      | POST | /get_reward | {\"prompts\":[]}                     | 400 | missing \"query\"",
            "empty body         | POST | /v1/rewards | ``                                   | 400 | empty body",
            "text over a limit  | POST | /get_reward | LONG                                 | 413 | has 5,001 characters; the limit is 5,000",
            "too many items     | POST | /get_reward | MANY                                 | 413 | more than 300 items",
            "unknown path       | GET  | /v1/other   | ``                                   | 404 | no endpoint /v1/other",
            "wrong method       | GET  | /get_reward | ``                                   | 405 | GET is not allowed on /get_reward; use POST",
            "wrong method       | POST | /health     | {}                                   | 405 | use GET",
    })
    void aBadRequestGetsAOneLineJsonErrorAndTheServerKeepsServing(String what, String method, String path, String body,
                                                                   int status, String fragment) throws IOException {
        String sent = switch (body) {
            case "LONG" -> "{\"query\":[\"" + "x".repeat(5_001) + "\"]}";
            case "MANY" -> "{\"query\":[" + "\"a\",".repeat(300) + "\"a\"]}";
            default -> body;
        };
        HttpResponse<String> answer = ServeFixtures.send(HttpRequest.newBuilder(base().resolve(path))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(sent)).build());
        assertError(answer, status, fragment);
        if (status == 405) {
            assertEquals(path.equals("/health") ? "GET" : "POST", answer.headers().firstValue("Allow").orElse(""));
        }
        assertEquals(200, post(base(), "/v1/rewards", "[{\"prompt\":\"p\",\"response\":\"r\"}]").statusCode(), what);
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrChunked() {
        String big = "[{\"prompt\":\"\",\"response\":\"" + "y".repeat(210_000) + "\"}]";
        assertError(post(base(), "/v1/rewards", big), 413, "");
        HttpResponse<String> chunked = ServeFixtures.send(HttpRequest.newBuilder(base().resolve("/v1/rewards"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build());
        assertError(chunked, 413, "");
        assertEquals(200, post(base(), "/v1/rewards", "[]").statusCode());
        assertTrue(get(base(), "/metrics").body().contains("reward_http_requests_total{endpoint=\"/v1/rewards\",code=\"413\"} 2\n"));
    }

    private static void assertError(HttpResponse<String> answer, int status, String fragment) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse("").replace(";charset=utf-8", ""));
        assertTrue(answer.body().startsWith("{\"error\":\"") && answer.body().endsWith("\"}\n"), answer.body());
        assertEquals(1, answer.body().lines().count(), answer.body());
        assertTrue(answer.body().contains(fragment.replace("\"", "\\\"")), fragment + " in " + answer.body());
    }
}
