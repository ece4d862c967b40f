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

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An HTTP reward server: a {@link TextRewardScorer} behind OpenRLHF's {@code POST /get_reward}, the native
 * {@code POST /v1/rewards}, {@code GET /health} and {@code GET /metrics}, with the requests of concurrent clients
 * micro-batched into single scoring calls (see the package documentation).
 * <pre>
 * try (TextRewardScorer scorer = TextRewardScorer.onnx(Path.of("model.onnx"), Device.CPU, EncoderSetup.RECORDED, 1);
 *      RewardServer server = RewardServer.start(scorer, ServeSettings.builder().port(0).build())) {
 *     System.out.println(server.uri());   // http://127.0.0.1:PORT
 *     server.join();                      // until another thread calls close()
 * }
 * </pre>
 * {@link #close()} stops gracefully: {@code /health} says {@code draining} at once, the listener closes, a new request
 * on a connection already open gets 503 with {@code Retry-After}, and the requests in flight are scored and answered
 * (for up to {@link ServeSettings#drainSeconds()}). Closing the server does not close the scorer.
 */
public final class RewardServer implements AutoCloseable {
    private static final Logger logger = Logger.getLogger(RewardServer.class.getName());

    private final TextRewardScorer scorer;
    private final ServeSettings settings;
    private final ServeMetrics metrics = new ServeMetrics();
    private final MicroBatcher batcher;
    private final Server server;
    private final ServerConnector connector;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean draining;

    private RewardServer(TextRewardScorer scorer, ServeSettings settings) {
        this.scorer = scorer;
        this.settings = settings;
        this.batcher = new MicroBatcher(scorer, settings, metrics);
        QueuedThreadPool pool = new QueuedThreadPool(settings.httpThreads(), Math.min(4, settings.httpThreads()));
        pool.setName("reward-http");
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        this.connector = new ServerConnector(server, 1, -1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // An idle keep-alive connection closes after 30 s (a request waiting for the scorer is not idle).
        connector.setIdleTimeout(TimeUnit.SECONDS.toMillis(30));
        server.addConnector(connector);
        RewardHandler endpoints = new RewardHandler(scorer, batcher, metrics, settings, pool, () -> !draining);
        SizeLimitHandler limit = new SizeLimitHandler(settings.maxBodyBytes(), -1);
        limit.setHandler(endpoints);
        Draining graceful = new Draining(limit, metrics);
        // While stopping, idle keep-alive connections close after 0.1 s instead of Jetty's 1 s.
        graceful.setShutdownIdleTimeout(100);
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrorHandler(metrics));
        server.setStopTimeout(TimeUnit.SECONDS.toMillis(settings.drainSeconds()));
        server.setStopAtShutdown(false);
    }

    /**
     * Starts a server.
     * @param scorer The model, used from the server's batching thread only until the server is closed.
     * @param settings Where to listen and the bounds.
     * @return The running server.
     * @throws UncheckedIOException If it cannot listen (for example the port is taken).
     */
    public static RewardServer start(TextRewardScorer scorer, ServeSettings settings) {
        RewardServer reward = new RewardServer(scorer, settings);
        try {
            reward.server.start();
        } catch (Exception e) {
            reward.batcher.close(0);
            try {
                reward.server.stop();
            } catch (Exception ignored) {
                // It did not start; there is nothing to stop.
            }
            throw new UncheckedIOException(new IOException("cannot listen on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e));
        }
        return reward;
    }

    /**
     * The port the server listens on (the one picked when the settings said 0).
     * @return The port.
     */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * The server's base address, e.g. {@code http://127.0.0.1:5000}.
     * @return The URI.
     */
    public URI uri() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port());
    }

    /**
     * The model served.
     * @return The scorer.
     */
    public TextRewardScorer scorer() {
        return scorer;
    }

    /**
     * Responses scored since the server started.
     * @return The count.
     */
    public long responsesScored() {
        return metrics.responsesScored();
    }

    /**
     * Waits until the server has stopped.
     * @throws InterruptedException If interrupted while waiting.
     */
    public void join() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully (see the class documentation) and returns when the requests in flight have been answered or
     * the drain time has passed. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining = true;
        try {
            server.stop();
        } catch (Exception e) {
            logger.log(Level.WARNING, "stopping the HTTP server: " + e.getMessage(), e);
        } finally {
            batcher.close(TimeUnit.SECONDS.toMillis(settings.drainSeconds()));
            stopped.countDown();
        }
    }

    /**
     * Jetty's graceful handler, answering the requests that arrive while it stops as the endpoints answer an overload:
     * 503, {@code Retry-After} and a one-line JSON error, and {@code Connection: close}.
     */
    private static final class Draining extends GracefulHandler {
        private final ServeMetrics metrics;

        Draining(Handler handler, ServeMetrics metrics) {
            super(handler);
            this.metrics = metrics;
        }

        @Override
        protected void handleShutdownRejection(Request request, Response response, Callback callback) {
            metrics.answeredByServer(Request.getPathInContext(request), 503);
            byte[] body = Reply.errorBody("the server is shutting down; retry on another server or later");
            response.setStatus(503);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Reply.JSON);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
