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

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server counts, written by hand in the Prometheus text exposition format 0.0.4 (no client library): HTTP
 * requests by endpoint and status, responses scored, how OpenRLHF's queries were split (the unsplit ones under
 * {@code split="whole"}), batch sizes and request latency as histograms, time spent scoring, and the queue, the
 * requests in flight and readiness as gauges. Every metric's name starts with {@code reward_}. Thread-safe.
 */
final class ServeMetrics {
    /** The Content-Type of the exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The endpoint label of any path the server does not serve (so that the label's values stay few). */
    static final String OTHER_ENDPOINT = "other";

    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65536};
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10, 30};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<OpenRlhfSplitter.Split, LongAdder> splits = new ConcurrentHashMap<>();
    private final Histogram batchSizes = new Histogram(BATCH_BUCKETS);
    private final LongAdder scored = new LongAdder();
    private final LongAdder batchedRequests = new LongAdder();
    private final DoubleAdder scoringSeconds = new DoubleAdder();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * A request arrived.
     */
    void requestStarted() {
        inFlight.incrementAndGet();
    }

    /**
     * A request was answered.
     * @param endpoint The endpoint ({@link #OTHER_ENDPOINT} for an unknown path).
     * @param status The HTTP status.
     * @param nanos The time from arrival to the reply.
     */
    void requestEnded(String endpoint, int status, long nanos) {
        inFlight.decrementAndGet();
        requests.computeIfAbsent(endpoint + '\u0000' + status, k -> new LongAdder()).increment();
        if (endpoint.startsWith("/get_reward") || endpoint.startsWith("/v1/")) {
            latency.computeIfAbsent(endpoint, k -> new Histogram(LATENCY_BUCKETS)).observe(nanos / 1e9);
        }
    }

    /**
     * A request was answered before it reached the endpoints (by the HTTP layer: a body over the size limit, malformed
     * HTTP, a request while stopping).
     * @param path The request's path.
     * @param status The HTTP status.
     */
    void answeredByServer(String path, int status) {
        requests.computeIfAbsent(RewardHandler.endpoint(path) + '\u0000' + status, k -> new LongAdder()).increment();
    }

    /**
     * OpenRLHF's queries were split.
     * @param split How.
     * @param count How many.
     */
    void split(OpenRlhfSplitter.Split split, int count) {
        splits.computeIfAbsent(split, k -> new LongAdder()).add(count);
    }

    /**
     * A batch was scored.
     * @param requestCount The requests in it.
     * @param items The responses in it.
     * @param nanos The time scoring took.
     */
    void batchScored(int requestCount, int items, long nanos) {
        batchSizes.observe(items);
        scored.add(items);
        batchedRequests.add(requestCount);
        scoringSeconds.add(nanos / 1e9);
    }

    /**
     * Responses scored so far.
     * @return The count.
     */
    long responsesScored() {
        return scored.sum();
    }

    /**
     * Requests answered so far with a status.
     * @param endpoint The endpoint.
     * @param status The status.
     * @return The count.
     */
    long requests(String endpoint, int status) {
        LongAdder n = requests.get(endpoint + '\u0000' + status);
        return n == null ? 0 : n.sum();
    }

    /**
     * The exposition.
     * @param queuedResponses Responses waiting or being scored.
     * @param queuedRequests Requests waiting.
     * @param ready False while draining.
     * @return The text.
     */
    String render(int queuedResponses, int queuedRequests, boolean ready) {
        StringBuilder out = new StringBuilder(4096);
        header(out, "reward_http_requests_total", "counter", "HTTP requests answered, by endpoint and status code.");
        new TreeMap<>(requests).forEach((key, n) -> {
            int cut = key.indexOf('\u0000');
            out.append("reward_http_requests_total{endpoint=\"").append(key, 0, cut).append("\",code=\"")
                    .append(key, cut + 1, key.length()).append("\"} ").append(n.sum()).append('\n');
        });
        header(out, "reward_request_duration_seconds", "histogram",
                "Time from a scoring request's arrival to its reply, by endpoint.");
        new TreeMap<>(latency).forEach((endpoint, h) -> h.write(out, "reward_request_duration_seconds",
                "endpoint=\"" + endpoint + "\""));
        gauge(out, "reward_requests_in_flight", "Requests received and not yet answered.", inFlight.get());
        counter(out, "reward_responses_scored_total", "Responses scored (each (prompt, response) pair once).",
                scored.sum());
        header(out, "reward_openrlhf_queries_total", "counter", "OpenRLHF queries by how they were split into prompt "
                + "and response: at the given prompt, at it after stripping special tokens, or not at all (whole).");
        for (OpenRlhfSplitter.Split split : OpenRlhfSplitter.Split.values()) {
            LongAdder n = splits.get(split);
            out.append("reward_openrlhf_queries_total{split=\"").append(split.label()).append("\"} ")
                    .append(n == null ? 0 : n.sum()).append('\n');
        }
        header(out, "reward_batch_size", "histogram", "Responses per scoring call.");
        batchSizes.write(out, "reward_batch_size", "");
        counter(out, "reward_batch_requests_total", "Requests scored, summed over batches (divide by "
                + "reward_batch_size_count for requests per batch).", batchedRequests.sum());
        header(out, "reward_scoring_seconds_total", "counter", "Time spent featurising and scoring batches.");
        out.append("reward_scoring_seconds_total ").append(number(scoringSeconds.sum())).append('\n');
        gauge(out, "reward_queue_responses", "Responses queued or being scored.", queuedResponses);
        gauge(out, "reward_queue_requests", "Requests queued.", queuedRequests);
        gauge(out, "reward_ready", "1 while serving, 0 while draining before a stop.", ready ? 1 : 0);
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A histogram with fixed upper bounds: per-bucket counts (made cumulative when written), a sum and a count. */
    private static final class Histogram {
        private final double[] bounds;
        private final LongAdder[] counts;
        private final DoubleAdder sum = new DoubleAdder();
        private final LongAdder count = new LongAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new LongAdder[bounds.length];
            for (int i = 0; i < bounds.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    counts[i].increment();
                    break;
                }
            }
            sum.add(value);
            count.increment();
        }

        void write(StringBuilder out, String name, String labels) {
            String prefix = labels.isEmpty() ? "" : labels + ",";
            long total = count.sum();
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts[i].sum();
                out.append(name).append("_bucket{").append(prefix).append("le=\"").append(number(bounds[i]))
                        .append("\"} ").append(Math.min(cumulative, total)).append('\n');
            }
            String braces = labels.isEmpty() ? "" : "{" + labels + "}";
            out.append(name).append("_bucket{").append(prefix).append("le=\"+Inf\"} ").append(total).append('\n');
            out.append(name).append("_sum").append(braces).append(' ').append(number(sum.sum())).append('\n');
            out.append(name).append("_count").append(braces).append(' ').append(total).append('\n');
        }
    }
}
