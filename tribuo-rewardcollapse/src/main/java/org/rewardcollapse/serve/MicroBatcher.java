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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gathers the requests of concurrent clients into batches scored by one call of a {@link TextRewardScorer}, on one
 * thread that owns the scorer (featurisation and any sentence encoder included, so they run batched too).
 * <p>
 * A batch starts with the oldest queued request and takes the following ones while they fit in {@code maxBatch}
 * responses and its wait lasts: the wait runs from the first request's arrival, so with a wait of 0 a batch is whatever
 * queued while the scorer was busy, and a request that already waited is never held again. Requests are never split:
 * one larger than {@code maxBatch} is scored alone. The queue is bounded in requests and in responses (one request
 * alone in the queue is taken whatever its size); beyond either, {@link #submit} refuses with
 * {@link OverloadedException} instead of queueing without bound.
 */
final class MicroBatcher implements AutoCloseable {
    private static final Logger logger = Logger.getLogger(MicroBatcher.class.getName());

    private record Pending(List<TextPair> pairs, CompletableFuture<TextRewards> future, long enqueued) {}

    private final TextRewardScorer scorer;
    private final int maxBatch;
    private final long waitNanos;
    private final int maxQueueItems;
    private final BlockingQueue<Pending> queue;
    private final AtomicInteger queuedItems = new AtomicInteger();
    private final ServeMetrics metrics;
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean stopping;

    /**
     * Starts the batching thread.
     * @param scorer The scorer, used from that thread only.
     * @param settings The batch and queue bounds.
     * @param metrics Where batches are counted.
     */
    MicroBatcher(TextRewardScorer scorer, ServeSettings settings, ServeMetrics metrics) {
        this.scorer = scorer;
        this.maxBatch = settings.maxBatch();
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(settings.batchWaitMillis());
        this.maxQueueItems = settings.maxQueueItems();
        this.queue = new ArrayBlockingQueue<>(settings.maxQueueRequests());
        this.metrics = metrics;
        this.thread = new Thread(this::run, "reward-batcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues pairs for scoring.
     * @param pairs The pairs (not empty).
     * @return Their rewards, completed on the batching thread; failed with {@link UnscorableTextException} (positions
     *         within these pairs) or the scorer's error.
     * @throws OverloadedException If the queue is full or the batcher is stopping.
     */
    CompletableFuture<TextRewards> submit(List<TextPair> pairs) throws OverloadedException {
        if (!accepting) {
            throw new OverloadedException("the server is shutting down");
        }
        int n = pairs.size();
        int after = queuedItems.addAndGet(n);
        if (after > maxQueueItems && after != n) {
            queuedItems.addAndGet(-n);
            throw new OverloadedException(String.format(Locale.ROOT, "the queue is full (%,d responses waiting, at most "
                    + "%,d); retry later", after - n, maxQueueItems));
        }
        CompletableFuture<TextRewards> future = new CompletableFuture<>();
        if (!queue.offer(new Pending(List.copyOf(pairs), future, System.nanoTime()))) {
            queuedItems.addAndGet(-n);
            throw new OverloadedException(String.format(Locale.ROOT, "the queue is full (%,d requests waiting); retry "
                    + "later", queue.size()));
        }
        return future;
    }

    /**
     * Responses queued or being scored.
     * @return The count.
     */
    int queuedItems() {
        return queuedItems.get();
    }

    /**
     * Requests queued (not counting the batch being scored).
     * @return The count.
     */
    int queuedRequests() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        Pending carried = null;
        while (true) {
            Pending first;
            try {
                first = carried != null ? carried : queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            carried = null;
            if (first == null) {
                if (stopping) {
                    break;
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            int items = first.pairs().size();
            long deadline = first.enqueued() + waitNanos;
            while (items < maxBatch) {
                Pending next = queue.poll();
                if (next == null) {
                    long left = deadline - System.nanoTime();
                    try {
                        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (next == null) {
                        break;
                    }
                }
                if (items + next.pairs().size() > maxBatch) {
                    carried = next;
                    break;
                }
                batch.add(next);
                items += next.pairs().size();
            }
            score(batch, items);
            queuedItems.addAndGet(-items);
        }
        failLeft(carried);
    }

    /** Scores one batch and completes its requests; a request with an unscorable pair fails alone. */
    private void score(List<Pending> batch, int items) {
        long start = System.nanoTime();
        List<Pending> scorable = new ArrayList<>(batch);
        for (int attempt = 0; attempt < 2 && !scorable.isEmpty(); attempt++) {
            List<TextPair> pairs = new ArrayList<>(items);
            for (Pending p : scorable) {
                pairs.addAll(p.pairs());
            }
            try {
                TextRewards rewards = scorer.score(pairs);
                metrics.batchScored(scorable.size(), pairs.size(), System.nanoTime() - start);
                int offset = 0;
                for (Pending p : scorable) {
                    int n = p.pairs().size();
                    p.future().complete(rewards.slice(offset, offset + n));
                    offset += n;
                }
                return;
            } catch (UnscorableTextException e) {
                if (attempt > 0) {
                    failAll(scorable, e);
                    return;
                }
                scorable = failUnscorable(scorable, e.items());
            } catch (RuntimeException | Error e) {
                logger.log(Level.SEVERE, "scoring a batch of " + pairs.size() + " responses failed", e);
                failAll(scorable, e);
                return;
            }
        }
    }

    /** Fails the requests that hold the given positions of the batch; the others are returned to be scored again. */
    private static List<Pending> failUnscorable(List<Pending> batch, int[] positions) {
        List<Pending> rest = new ArrayList<>(batch.size());
        int offset = 0;
        int k = 0;
        for (Pending p : batch) {
            int n = p.pairs().size();
            List<Integer> mine = new ArrayList<>();
            while (k < positions.length && positions[k] < offset + n) {
                mine.add(positions[k++] - offset);
            }
            if (mine.isEmpty()) {
                rest.add(p);
            } else {
                p.future().completeExceptionally(new UnscorableTextException(
                        mine.stream().mapToInt(Integer::intValue).toArray()));
            }
            offset += n;
        }
        return rest;
    }

    private static void failAll(List<Pending> batch, Throwable e) {
        for (Pending p : batch) {
            p.future().completeExceptionally(e);
        }
    }

    /** After the thread stopped early (interrupted): whatever is left fails rather than waits forever. */
    private void failLeft(Pending carried) {
        List<Pending> left = new ArrayList<>();
        if (carried != null) {
            left.add(carried);
        }
        queue.drainTo(left);
        if (!left.isEmpty()) {
            failAll(left, new IllegalStateException("the server stopped before scoring this request"));
        }
    }

    /**
     * Stops taking requests; whatever is queued is still scored.
     */
    void stopAccepting() {
        accepting = false;
    }

    /**
     * Stops taking requests, scores what is queued, and ends the thread.
     * @param timeoutMillis How long to wait for the queue to empty; then the thread is interrupted and what is left
     *                      fails.
     */
    void close(long timeoutMillis) {
        accepting = false;
        stopping = true;
        try {
            thread.join(Math.max(1, timeoutMillis));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(ServeSettings.DEFAULT_DRAIN_SECONDS * 1000L);
    }
}
