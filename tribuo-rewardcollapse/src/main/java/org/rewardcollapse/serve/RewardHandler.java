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

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The endpoints, as a Jetty core handler: {@code POST /get_reward} (OpenRLHF), {@code POST /v1/rewards} (native),
 * {@code GET /health} and {@code GET /metrics}; 404 for other paths, 405 for other methods. No thread waits for the
 * scorer: a body is read asynchronously (up to the size limit), parsed and queued, and the reply is written when the
 * batcher completes the request, on the server's thread pool.
 */
final class RewardHandler extends Handler.Abstract {
    private static final Logger logger = Logger.getLogger(RewardHandler.class.getName());

    /** OpenRLHF's endpoint. */
    static final String GET_REWARD = "/get_reward";
    /** The native endpoint. */
    static final String REWARDS = "/v1/rewards";
    /** The health endpoint. */
    static final String HEALTH = "/health";
    /** The metrics endpoint. */
    static final String METRICS = "/metrics";
    /** The scoring endpoints, in the order {@code /health} lists them. */
    static final List<String> SCORING_ENDPOINTS = List.of(GET_REWARD, REWARDS);

    private final TextRewardScorer scorer;
    private final MicroBatcher batcher;
    private final ServeMetrics metrics;
    private final ServeSettings settings;
    private final RequestBodies bodies;
    private final OpenRlhfSplitter splitter;
    private final Executor replies;
    private final BooleanSupplier ready;

    /**
     * The handler.
     * @param scorer The model (for {@code /health}).
     * @param batcher Where requests are queued.
     * @param metrics What is counted.
     * @param settings The limits.
     * @param replies Where replies are written once scored (the server's thread pool).
     * @param ready False once the server is draining.
     */
    RewardHandler(TextRewardScorer scorer, MicroBatcher batcher, ServeMetrics metrics, ServeSettings settings,
                  Executor replies, BooleanSupplier ready) {
        this.scorer = scorer;
        this.batcher = batcher;
        this.metrics = metrics;
        this.settings = settings;
        this.bodies = new RequestBodies(settings.maxItems(), settings.maxTextChars());
        this.splitter = new OpenRlhfSplitter(settings.stripTokens());
        this.replies = replies;
        this.ready = ready;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        metrics.requestStarted();
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Exchange exchange = new Exchange(request, response, callback, endpoint(path), start);
        try {
            switch (path) {
                case HEALTH, METRICS -> {
                    if (!method.equals("GET") && !method.equals("HEAD")) {
                        exchange.reply(Reply.methodNotAllowed(method, path, "GET"));
                    } else if (path.equals(HEALTH)) {
                        boolean up = ready.getAsBoolean();
                        exchange.reply(new Reply(up ? 200 : 503, Reply.health(scorer, up), Reply.JSON, up ? 0 : 1, null));
                    } else {
                        exchange.reply(Reply.text(ServeMetrics.CONTENT_TYPE, metrics.render(batcher.queuedItems(),
                                batcher.queuedRequests(), ready.getAsBoolean())));
                    }
                }
                case GET_REWARD, REWARDS -> {
                    if (!method.equals("POST")) {
                        exchange.reply(Reply.methodNotAllowed(method, path, "POST"));
                    } else if (!ready.getAsBoolean()) {
                        exchange.reply(Reply.unavailable("the server is shutting down; retry on another server or "
                                + "later"));
                    } else {
                        readBody(exchange, path.equals(GET_REWARD));
                    }
                }
                default -> exchange.reply(Reply.error(404, "no endpoint " + path + "; the server answers POST "
                        + GET_REWARD + ", POST " + REWARDS + ", GET " + HEALTH + " and GET " + METRICS));
            }
        } catch (RuntimeException e) {
            exchange.fail(e);
        }
        return true;
    }

    /**
     * The endpoint label of a path.
     * @param path The path.
     * @return The endpoint, or {@link ServeMetrics#OTHER_ENDPOINT}.
     */
    static String endpoint(String path) {
        return switch (path) {
            case GET_REWARD, REWARDS, HEALTH, METRICS -> path;
            default -> ServeMetrics.OTHER_ENDPOINT;
        };
    }

    /** Reads the body without blocking; parses it here when it had already arrived, else on the pool when it does. */
    private void readBody(Exchange exchange, boolean openRlhf) {
        long length = exchange.request.getLength();
        if (length > settings.maxBodyBytes()) {
            exchange.reply(tooLarge());
            return;
        }
        CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(exchange.request,
                (int) settings.maxBodyBytes() + 1);
        if (body.isDone()) {
            body.whenComplete((bytes, failure) -> received(exchange, openRlhf, bytes, failure));
        } else {
            body.whenCompleteAsync((bytes, failure) -> received(exchange, openRlhf, bytes, failure), replies);
        }
    }

    private void received(Exchange exchange, boolean openRlhf, byte[] body, Throwable failure) {
        exchange.bodyRead = failure == null;
        try {
            if (failure != null) {
                exchange.reply(isTooLarge(failure) ? tooLarge()
                        : Reply.error(400, "could not read the body: " + cause(failure).getMessage()));
                return;
            }
            if (openRlhf) {
                scoreOpenRlhf(exchange, bodies.readOpenRlhf(body));
            } else {
                List<TextPair> pairs = bodies.readPairs(body);
                submit(exchange, pairs, Reply::rewards);
            }
        } catch (BadRequestException e) {
            exchange.reply(Reply.error(e.status(), e.getMessage()));
        } catch (OverloadedException e) {
            exchange.reply(Reply.unavailable(e.getMessage()));
        } catch (RuntimeException e) {
            exchange.fail(e);
        }
    }

    private void scoreOpenRlhf(Exchange exchange, RequestBodies.OpenRlhfBody body) throws OverloadedException {
        List<TextPair> pairs = new ArrayList<>(body.queries().size());
        List<OpenRlhfSplitter.Split> splits = new ArrayList<>(body.queries().size());
        int[] counts = new int[OpenRlhfSplitter.Split.values().length];
        for (int i = 0; i < body.queries().size(); i++) {
            OpenRlhfSplitter.Result result = splitter.split(body.queries().get(i),
                    body.prompts() == null ? null : body.prompts().get(i));
            pairs.add(result.pair());
            splits.add(result.split());
            counts[result.split().ordinal()]++;
        }
        for (OpenRlhfSplitter.Split split : OpenRlhfSplitter.Split.values()) {
            if (counts[split.ordinal()] > 0) {
                metrics.split(split, counts[split.ordinal()]);
            }
        }
        submit(exchange, pairs, rewards -> Reply.openRlhf(rewards, splits, settings.withScores()));
    }

    /** Queues the pairs (an empty request is answered at once) and replies when they are scored. */
    private void submit(Exchange exchange, List<TextPair> pairs, java.util.function.Function<TextRewards, byte[]> body)
            throws OverloadedException {
        if (pairs.isEmpty()) {
            exchange.reply(Reply.ok(body.apply(new TextRewards(new double[0], null))));
            return;
        }
        batcher.submit(pairs).whenCompleteAsync((rewards, failure) -> {
            if (failure == null) {
                exchange.reply(Reply.ok(body.apply(rewards)));
            } else if (cause(failure) instanceof UnscorableTextException unscorable) {
                exchange.reply(Reply.error(422, unscorable.getMessage()));
            } else {
                exchange.fail(cause(failure));
            }
        }, replies);
    }

    private Reply tooLarge() {
        return Reply.error(RequestBodies.TOO_LARGE, String.format(Locale.ROOT, "the body is larger than %,d bytes, the "
                + "server's limit", settings.maxBodyBytes()));
    }

    /** Past its limit a body read fails with 413 (behind SizeLimitHandler) or "max size exceeded" (without it). */
    private static boolean isTooLarge(Throwable failure) {
        Throwable cause = cause(failure);
        return (cause instanceof HttpException http && http.getCode() == RequestBodies.TOO_LARGE)
                || cause instanceof IllegalStateException;
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** One request: where its reply goes, and its accounting. */
    private final class Exchange {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final String endpoint;
        private final long start;
        private volatile boolean bodyRead;

        Exchange(Request request, Response response, Callback callback, String endpoint, long start) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.endpoint = endpoint;
            this.start = start;
        }

        void reply(Reply reply) {
            response.setStatus(reply.status());
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
            if (reply.retryAfterSeconds() > 0) {
                headers.put(HttpHeader.RETRY_AFTER, Integer.toString(reply.retryAfterSeconds()));
            }
            if (reply.allow() != null) {
                headers.put(HttpHeader.ALLOW, reply.allow());
            }
            headers.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
            if (!bodyRead && (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
                // Answered before its body was read (405, 404, 413, shutting down): the rest of the body may still be
                // on its way, so the connection cannot carry another request; say so, or a client reuses it.
                headers.put(HttpHeader.CONNECTION, "close");
            }
            metrics.requestEnded(endpoint, reply.status(), System.nanoTime() - start);
            boolean head = request.getMethod().equals("HEAD");
            response.write(true, head ? null : ByteBuffer.wrap(reply.body()), callback);
        }

        void fail(Throwable e) {
            logger.log(Level.SEVERE, "answering " + request.getMethod() + " " + endpoint + " failed", e);
            reply(Reply.error(500, "the server failed: " + e));
        }
    }
}
