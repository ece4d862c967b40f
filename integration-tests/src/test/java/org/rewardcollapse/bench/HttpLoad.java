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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load on one endpoint: a number of clients each sending a request as soon as its previous answer
 * came back, for a warm-up and then a measured time, with the requests per second and the latency percentiles of the
 * measured part. Two generators: wrk (when it is installed: it spends far less CPU than a JVM client, which matters on a
 * small machine that also runs the server) and the JDK's asynchronous {@link HttpClient} (always there). Every run is
 * bounded in time and in requests.
 */
final class HttpLoad {
    /** The most requests one run records (the run also ends when its time is up). */
    static final int MAX_REQUESTS = 2_000_000;

    private HttpLoad() {}

    /**
     * What a run measured.
     *
     * @param requestsPerSecond Answered requests per second.
     * @param p50Millis The median latency.
     * @param p99Millis The 99th percentile.
     * @param errors Answers other than 200, and failed requests.
     */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long errors) {}

    /**
     * Is wrk on the PATH?
     * @return The wrk executable, or null.
     */
    static Path wrk() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Runs wrk: one thread, {@code clients} connections, a warm-up run then the measured one; the bodies are sent in
     * turn.
     * @param wrk The executable.
     * @param url The endpoint.
     * @param bodies The request bodies (JSON, one line each).
     * @param clients Connections.
     * @param closeEach Open a new connection for every request (as OpenRLHF does).
     * @param warmup Warm-up time.
     * @param measure Measured time.
     * @param scratch A folder for the script.
     * @return The result.
     * @throws IOException If wrk cannot run.
     * @throws InterruptedException If interrupted.
     */
    static Result runWrk(Path wrk, URI url, List<byte[]> bodies, int clients, boolean closeEach, Duration warmup,
                         Duration measure, Path scratch) throws IOException, InterruptedException {
        Path bodyFile = Files.createTempFile(scratch, "bodies", ".jsonl");
        try (var out = Files.newOutputStream(bodyFile)) {
            for (byte[] body : bodies) {
                out.write(body);
                out.write('\n');
            }
        }
        Path script = Files.writeString(Files.createTempFile(scratch, "post", ".lua"), String.format(Locale.ROOT, """
                local bodies = {}
                for line in io.lines("%s") do bodies[#bodies + 1] = line end
                local headers = {["Content-Type"] = "application/json"%s}
                local next = 0
                request = function()
                    next = next %% #bodies + 1
                    return wrk.format("POST", nil, headers, bodies[next])
                end
                """, bodyFile, closeEach ? ", [\"Connection\"] = \"close\"" : ""));
        wrkOnce(wrk, url, script, clients, warmup);
        String out = wrkOnce(wrk, url, script, clients, measure);
        long errors = count(out, "Non-2xx or 3xx responses:\\s+(\\d+)") + count(out, "Socket errors: connect (\\d+)")
                + count(out, "timeout (\\d+)");
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("wrk printed no rate:\n" + out);
        }
        return new Result(Double.parseDouble(rate.group(1)), millis(out, "50%"), millis(out, "99%"), errors);
    }

    private static String wrkOnce(Path wrk, URI url, Path script, int clients, Duration time)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(wrk.toString(), "-t1", "-c" + clients, "-d" + time.toSeconds() + "s",
                "--latency", "--timeout", "30s", "-s", script.toString(), url.toString()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(time.toSeconds() + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wrk did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A count wrk prints only when it is not zero. */
    private static long count(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** A latency line of wrk's distribution, e.g. {@code 99%   12.34ms}, in milliseconds. */
    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no " + percentile + " latency:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }

    /**
     * Runs the JDK's client: {@code clients} request chains on one HTTP/1.1 client (a connection each).
     * @param url The endpoint.
     * @param bodies Request bodies, used in turn.
     * @param clients Concurrent requests.
     * @param warmup Warm-up time.
     * @param measure Measured time.
     * @return The result.
     * @throws InterruptedException If interrupted.
     */
    static Result runJdk(URI url, List<byte[]> bodies, int clients, Duration warmup, Duration measure)
            throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
        try {
            Chains chains = new Chains(client, executor, url, bodies, clients);
            chains.start();
            Thread.sleep(warmup.toMillis());
            chains.recording = true;
            long start = System.nanoTime();
            Thread.sleep(measure.toMillis());
            chains.recording = false;
            double seconds = (System.nanoTime() - start) / 1e9;
            chains.stopping = true;
            chains.done.await(60, TimeUnit.SECONDS);
            long[] all = chains.latencies();
            Arrays.sort(all);
            return new Result(all.length / seconds, percentile(all, 0.50), percentile(all, 0.99), chains.errors.get());
        } finally {
            executor.shutdownNow();
        }
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
    }

    /** The clients' request chains: each sends its next request from its previous one's completion. */
    private static final class Chains {
        private final HttpClient client;
        private final ExecutorService executor;
        private final URI url;
        private final List<byte[]> bodies;
        private final long[][] latencies;
        private final int[] counts;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final CountDownLatch done;
        volatile boolean recording;
        volatile boolean stopping;

        Chains(HttpClient client, ExecutorService executor, URI url, List<byte[]> bodies, int clients) {
            this.client = client;
            this.executor = executor;
            this.url = url;
            this.bodies = bodies;
            this.latencies = new long[clients][MAX_REQUESTS / clients];
            this.counts = new int[clients];
            this.done = new CountDownLatch(clients);
        }

        void start() {
            for (int c = 0; c < latencies.length; c++) {
                next(c);
            }
        }

        private void next(int c) {
            long n = sent.incrementAndGet();
            if (stopping || n > 4L * MAX_REQUESTS) {
                done.countDown();
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get((int) (n % bodies.size())))).build();
            long begin = System.nanoTime();
            boolean record = recording;
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                long nanos = System.nanoTime() - begin;
                if (failure != null) {
                    // A refused connection fails at once: go on from the pool, not deeper on this stack.
                    errors.incrementAndGet();
                    executor.execute(() -> next(c));
                    return;
                }
                if (response.statusCode() != 200) {
                    errors.incrementAndGet();
                } else if (record && recording && counts[c] < latencies[c].length) {
                    latencies[c][counts[c]++] = nanos;
                }
                next(c);
            });
        }

        long[] latencies() {
            List<long[]> parts = new ArrayList<>();
            int total = 0;
            for (int c = 0; c < latencies.length; c++) {
                parts.add(Arrays.copyOf(latencies[c], counts[c]));
                total += counts[c];
            }
            long[] all = new long[total];
            int at = 0;
            for (long[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }
    }
}
