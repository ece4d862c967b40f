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

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rewardcollapse.serve.ServeFixtures.CLIENT;
import static org.rewardcollapse.serve.ServeFixtures.get;
import static org.rewardcollapse.serve.ServeFixtures.numbers;
import static org.rewardcollapse.serve.ServeFixtures.post;

/**
 * The server while the scorer is busy (held at a gate): requests queue into one batch, a full queue answers 503 with
 * {@code Retry-After} instead of growing, a request the model cannot score fails alone, and stopping finishes the
 * requests in flight while refusing new ones.
 */
class TestServerUnderLoad {
    private static CompletableFuture<HttpResponse<String>> postAsync(URI base, String body) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/rewards")).POST(HttpRequest.BodyPublishers
                .ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String pair(String response) {
        return "[{\"prompt\":\"\",\"response\":\"" + response + "\"}]";
    }

    /** Waits until the server has queued this many responses (beside the batch being scored). */
    private static void awaitQueued(RewardServer server, int responses) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!get(server.uri(), "/metrics").body().contains("\nreward_queue_responses " + responses + "\n")) {
            assertTrue(System.nanoTime() < deadline, "the queue never held " + responses + " responses");
            Thread.sleep(10);
        }
    }

    /** The status of a request, or -1 when no connection was taken. */
    private static int answers(URI base, String path) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (path.equals("/v1/rewards")) {
            request.POST(HttpRequest.BodyPublishers.ofString(pair("new")));
        }
        try {
            HttpResponse<String> answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() != 503 || answer.headers().firstValue("Retry-After").isPresent());
            return answer.statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void requestsQueuedWhileTheScorerIsBusyAreScoredInOneBatchAndAnUnscorableOneFailsAlone() throws Exception {
        GatedScorer scorer = new GatedScorer(true);
        try (RewardServer server = RewardServer.start(scorer, ServeSettings.builder().port(0).build())) {
            CompletableFuture<HttpResponse<String>> first = postAsync(server.uri(), pair("one"));
            scorer.awaitScoring();
            CompletableFuture<HttpResponse<String>> good = postAsync(server.uri(), "[{\"prompt\":\"\",\"response\":\"a b\"},"
                    + "{\"prompt\":\"\",\"response\":\"a b c\"}]");
            CompletableFuture<HttpResponse<String>> bad = postAsync(server.uri(), "[{\"prompt\":\"\",\"response\":\"fine\"},"
                    + "{\"prompt\":\"\",\"response\":\"" + GatedScorer.UNKNOWN + "\"}]");
            awaitQueued(server, 5);
            scorer.open();
            assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
            HttpResponse<String> scored = good.get(10, TimeUnit.SECONDS);
            assertEquals(200, scored.statusCode(), scored.body());
            assertArrayEquals(new double[]{2, 3}, numbers(scored.body(), "rewards"));
            HttpResponse<String> refused = bad.get(10, TimeUnit.SECONDS);
            assertEquals(422, refused.statusCode(), refused.body());
            assertEquals("{\"error\":\"item 1 has none of the model's features: there is nothing to score\"}\n",
                    refused.body());
            // The first batch, then the two queued requests together, found unscorable before the model runs, then the
            // good one again without the bad one.
            assertEquals(2, scorer.batches());
            assertTrue(get(server.uri(), "/metrics").body().contains("reward_batch_size_bucket{le=\"4\"} 2\n"));
        }
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterInsteadOfGrowing() throws Exception {
        GatedScorer scorer = new GatedScorer(true);
        try (RewardServer server = RewardServer.start(scorer, ServeSettings.builder().port(0).maxQueueRequests(1)
                .maxQueueItems(3).build())) {
            CompletableFuture<HttpResponse<String>> scoring = postAsync(server.uri(), pair("one"));
            scorer.awaitScoring();
            CompletableFuture<HttpResponse<String>> queued = postAsync(server.uri(), pair("two"));
            awaitQueued(server, 2);
            HttpResponse<String> overItems = post(server.uri(), "/v1/rewards", "[{\"prompt\":\"\",\"response\":\"a\"},"
                    + "{\"prompt\":\"\",\"response\":\"b\"}]");
            assertEquals(503, overItems.statusCode(), overItems.body());
            assertEquals("1", overItems.headers().firstValue("Retry-After").orElse(""));
            assertTrue(overItems.body().contains("the queue is full (2 responses waiting, at most 3)"), overItems.body());
            HttpResponse<String> overRequests = post(server.uri(), "/v1/rewards", pair("three"));
            assertEquals(503, overRequests.statusCode(), overRequests.body());
            assertTrue(overRequests.body().contains("requests waiting"), overRequests.body());
            scorer.open();
            assertEquals(200, scoring.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(200, queued.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(200, post(server.uri(), "/v1/rewards", pair("four")).statusCode());
            assertTrue(get(server.uri(), "/metrics").body()
                    .contains("reward_http_requests_total{endpoint=\"/v1/rewards\",code=\"503\"} 2\n"));
        }
    }

    @Test
    void closeFinishesTheRequestsInFlightAndRefusesNewOnes() throws Exception {
        GatedScorer scorer = new GatedScorer(true);
        RewardServer server = RewardServer.start(scorer, ServeSettings.builder().port(0).build());
        URI base = server.uri();
        CompletableFuture<HttpResponse<String>> scoring = postAsync(base, pair("one two"));
        scorer.awaitScoring();
        CompletableFuture<HttpResponse<String>> queued = postAsync(base, pair("three"));
        awaitQueued(server, 2);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        // Once stopping, /health says so (or no new connection is taken), and a new request is refused: no
        // connection, or 503 with Retry-After on one already open.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (answers(base, "/health") == 200) {
            assertTrue(System.nanoTime() < deadline, "/health still said ready while stopping");
            Thread.sleep(5);
        }
        int status = answers(base, "/v1/rewards");
        boolean refused = status == 503 || status == -1;
        assertTrue(refused, "a new request was still served while stopping");
        assertTrue(!closing.isDone(), "close waits for the requests in flight");
        scorer.open();
        HttpResponse<String> first = scoring.get(10, TimeUnit.SECONDS);
        HttpResponse<String> second = queued.get(10, TimeUnit.SECONDS);
        assertEquals(200, first.statusCode(), first.body());
        assertArrayEquals(new double[]{2}, numbers(first.body(), "rewards"));
        assertEquals(200, second.statusCode(), second.body());
        closing.get(10, TimeUnit.SECONDS);
        server.join();
        assertEquals(List.of(2L), List.of(server.responsesScored()));
    }
}
