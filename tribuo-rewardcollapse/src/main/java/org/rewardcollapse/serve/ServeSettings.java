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

import org.rewardcollapse.io.InvalidSettingException;

import java.util.List;

/**
 * How a {@link RewardServer} listens, batches and bounds its work. Immutable; made by {@link #builder()}, whose
 * {@link Builder#build()} checks every setting and names a bad one by its field (an {@link InvalidSettingException}).
 *
 * @param host The address to bind ({@value #DEFAULT_HOST} by default: this machine only).
 * @param port The port; 0 picks a free one.
 * @param maxBatch The most responses one scoring call takes from the queue (a larger request is scored alone; requests
 *                 are never split).
 * @param batchWaitMillis How long a batch waits for more requests after its first one arrived; 0 scores whatever queued
 *                        while the scorer was busy.
 * @param maxBodyBytes The largest request body (413 beyond).
 * @param maxItems The most responses in one request (413 beyond).
 * @param maxTextChars The longest prompt or response in characters (413 beyond).
 * @param maxQueueItems The most responses waiting to be scored (503 with {@code Retry-After} beyond; one request alone
 *                      in the queue is taken whatever its size).
 * @param maxQueueRequests The most requests waiting to be scored (503 beyond).
 * @param stripTokens Special tokens (pad, EOS, chat-template markers) stripped from the ends of OpenRLHF's queries and
 *                    prompts before they are split, and from the ends of every response it sends.
 * @param withScores Also send OpenRLHF the rewards under {@code scores} (its dynamic filtering reads them).
 * @param drainSeconds How long stopping waits for requests in flight.
 * @param httpThreads The most threads serving HTTP (reading bodies, writing replies; none waits for the scorer).
 */
public record ServeSettings(String host, int port, int maxBatch, int batchWaitMillis, long maxBodyBytes, int maxItems,
                            int maxTextChars, int maxQueueItems, int maxQueueRequests, List<String> stripTokens,
                            boolean withScores, int drainSeconds, int httpThreads) {
    /** The default bind address: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default port (that of OpenRLHF's own example reward server). */
    public static final int DEFAULT_PORT = 5000;
    /** The default most responses per scoring call. */
    public static final int DEFAULT_MAX_BATCH = 256;
    /** The default body limit: 64 MiB (OpenRLHF 0.8 to 0.9.0 sends a whole rollout in one request). */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;
    /** The largest body limit (a body is read into one array). */
    public static final long MAX_BODY_BYTES = 1L << 30;
    /** The default most responses per request. */
    public static final int DEFAULT_MAX_ITEMS = 65_536;
    /** The default longest text. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 1_000_000;
    /** The default most responses queued. */
    public static final int DEFAULT_MAX_QUEUE_ITEMS = 65_536;
    /** The default most requests queued. */
    public static final int DEFAULT_MAX_QUEUE_REQUESTS = 4_096;
    /** The default drain time on stop. */
    public static final int DEFAULT_DRAIN_SECONDS = 30;
    /** The default most HTTP threads. */
    public static final int DEFAULT_HTTP_THREADS = 32;
    /**
     * The special tokens stripped by default: EOS, padding and chat-template ends of common tokenizers (GPT-2 and
     * Qwen, ChatML, Llama 3, Llama 2 and Mistral, T5).
     */
    public static final List<String> DEFAULT_STRIP_TOKENS = List.of("<|endoftext|>", "<|im_end|>", "<|eot_id|>",
            "<|end_of_text|>", "<|begin_of_text|>", "</s>", "<s>", "<pad>", "<|pad|>", "[PAD]");

    /**
     * Checks every setting.
     */
    public ServeSettings {
        InvalidSettingException.require(host != null && !host.isBlank(), "host", "must be an address or host name");
        InvalidSettingException.require(port >= 0 && port <= 65_535, "port", "must be in [0, 65535], found " + port);
        InvalidSettingException.require(maxBatch >= 1, "maxBatch", "must be >= 1, found " + maxBatch);
        InvalidSettingException.require(batchWaitMillis >= 0 && batchWaitMillis <= 10_000, "batchWaitMillis",
                "must be in [0, 10000], found " + batchWaitMillis);
        InvalidSettingException.require(maxBodyBytes >= 1024 && maxBodyBytes <= MAX_BODY_BYTES, "maxBodyBytes",
                "must be in [1024, " + MAX_BODY_BYTES + "], found " + maxBodyBytes);
        InvalidSettingException.require(maxItems >= 1, "maxItems", "must be >= 1, found " + maxItems);
        InvalidSettingException.require(maxTextChars >= 1, "maxTextChars", "must be >= 1, found " + maxTextChars);
        InvalidSettingException.require(maxQueueItems >= 1, "maxQueueItems", "must be >= 1, found " + maxQueueItems);
        InvalidSettingException.require(maxQueueRequests >= 1, "maxQueueRequests",
                "must be >= 1, found " + maxQueueRequests);
        InvalidSettingException.require(stripTokens != null && stripTokens.stream().noneMatch(t -> t == null || t.isEmpty()),
                "stripTokens", "must be non-empty strings");
        InvalidSettingException.require(drainSeconds >= 0, "drainSeconds", "must be >= 0, found " + drainSeconds);
        InvalidSettingException.require(httpThreads >= 4 && httpThreads <= 10_000, "httpThreads",
                "must be in [4, 10000], found " + httpThreads);
        stripTokens = List.copyOf(stripTokens);
    }

    /**
     * A builder holding the defaults.
     * @return The builder.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults.
     * @return The settings.
     */
    public static ServeSettings defaults() {
        return builder().build();
    }

    /** Builds {@link ServeSettings}, starting from the defaults. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private int batchWaitMillis = 0;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxItems = DEFAULT_MAX_ITEMS;
        private int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
        private int maxQueueItems = DEFAULT_MAX_QUEUE_ITEMS;
        private int maxQueueRequests = DEFAULT_MAX_QUEUE_REQUESTS;
        private List<String> stripTokens = DEFAULT_STRIP_TOKENS;
        private boolean withScores = false;
        private int drainSeconds = DEFAULT_DRAIN_SECONDS;
        private int httpThreads = DEFAULT_HTTP_THREADS;

        private Builder() {}

        /**
         * Sets {@link ServeSettings#host()}.
         * @param value The address.
         * @return This builder.
         */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#port()}.
         * @param value The port, 0 for any free one.
         * @return This builder.
         */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#maxBatch()}.
         * @param value Responses per scoring call.
         * @return This builder.
         */
        public Builder maxBatch(int value) {
            maxBatch = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#batchWaitMillis()}.
         * @param value Milliseconds.
         * @return This builder.
         */
        public Builder batchWaitMillis(int value) {
            batchWaitMillis = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#maxBodyBytes()}.
         * @param value Bytes.
         * @return This builder.
         */
        public Builder maxBodyBytes(long value) {
            maxBodyBytes = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#maxItems()}.
         * @param value Responses per request.
         * @return This builder.
         */
        public Builder maxItems(int value) {
            maxItems = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#maxTextChars()}.
         * @param value Characters.
         * @return This builder.
         */
        public Builder maxTextChars(int value) {
            maxTextChars = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#maxQueueItems()}.
         * @param value Responses.
         * @return This builder.
         */
        public Builder maxQueueItems(int value) {
            maxQueueItems = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#maxQueueRequests()}.
         * @param value Requests.
         * @return This builder.
         */
        public Builder maxQueueRequests(int value) {
            maxQueueRequests = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#stripTokens()}.
         * @param value The tokens (empty: strip nothing).
         * @return This builder.
         */
        public Builder stripTokens(List<String> value) {
            stripTokens = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#withScores()}.
         * @param value True to send {@code scores} too.
         * @return This builder.
         */
        public Builder withScores(boolean value) {
            withScores = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#drainSeconds()}.
         * @param value Seconds.
         * @return This builder.
         */
        public Builder drainSeconds(int value) {
            drainSeconds = value;
            return this;
        }

        /**
         * Sets {@link ServeSettings#httpThreads()}.
         * @param value Threads.
         * @return This builder.
         */
        public Builder httpThreads(int value) {
            httpThreads = value;
            return this;
        }

        /**
         * Checks the settings.
         * @return The settings.
         * @throws InvalidSettingException Naming the first bad setting.
         */
        public ServeSettings build() {
            return new ServeSettings(host, port, maxBatch, batchWaitMillis, maxBodyBytes, maxItems, maxTextChars,
                    maxQueueItems, maxQueueRequests, stripTokens, withScores, drainSeconds, httpThreads);
        }
    }
}
