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

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An HTTP answer, independent of the HTTP library, and the JSON bodies the server sends: rewards for each endpoint,
 * {@code /health}, and one-line errors {@code {"error": "..."}}. Rewards are written as the doubles {@code score}
 * writes (a non-finite reward, which JSON cannot hold, as {@code null}).
 *
 * @param status The HTTP status.
 * @param body The body.
 * @param contentType Its Content-Type.
 * @param retryAfterSeconds The {@code Retry-After} header's seconds, or 0 for none.
 * @param allow The {@code Allow} header (for 405), or null.
 */
record Reply(int status, byte[] body, String contentType, int retryAfterSeconds, String allow) {
    /** JSON's Content-Type. */
    static final String JSON = "application/json";

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes JSON into bytes. */
    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * A 200 with a JSON body.
     * @param body The body.
     * @return The reply.
     */
    static Reply ok(byte[] body) {
        return new Reply(200, body, JSON, 0, null);
    }

    /**
     * An error.
     * @param status The status.
     * @param message One line.
     * @return The reply: {@code {"error": "..."}}.
     */
    static Reply error(int status, String message) {
        return new Reply(status, errorBody(message), JSON, 0, null);
    }

    /**
     * A 405.
     * @param method The method used.
     * @param path The path.
     * @param allowed The method the path takes.
     * @return The reply with its {@code Allow} header.
     */
    static Reply methodNotAllowed(String method, String path, String allowed) {
        return new Reply(405, errorBody(method + " is not allowed on " + path + "; use " + allowed), JSON, 0, allowed);
    }

    /**
     * A 503 that asks the client to come back in a second.
     * @param message Why, in one line.
     * @return The reply with {@code Retry-After: 1}.
     */
    static Reply unavailable(String message) {
        return new Reply(503, errorBody(message), JSON, 1, null);
    }

    /**
     * Plain text (the metrics).
     * @param contentType The Content-Type.
     * @param text The text.
     * @return A 200.
     */
    static Reply text(String contentType, String text) {
        return new Reply(200, text.getBytes(StandardCharsets.UTF_8), contentType, 0, null);
    }

    /**
     * The body of an error.
     * @param message The message; only its first line is sent.
     * @return {@code {"error": "..."}} and a newline.
     */
    static byte[] errorBody(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        return json(g -> g.writeStringField("error", line));
    }

    /**
     * The native endpoint's answer: {@code {"rewards": [...]}} and, for an ensemble, {@code "reward_std": [...]}.
     * @param rewards The rewards.
     * @return The body.
     */
    static byte[] rewards(TextRewards rewards) {
        return json(g -> {
            numbers(g, "rewards", rewards.rewards());
            if (rewards.std() != null) {
                numbers(g, "reward_std", rewards.std());
            }
        });
    }

    /**
     * OpenRLHF's answer: {@code {"rewards": [...]}}, how each query was split ({@code "split"}), the rewards again as
     * {@code "scores"} when asked, and an ensemble's spread under {@code "extra_logs": {"reward_std": [...]}} (which
     * OpenRLHF 0.8.3 and later logs). An empty request gets {@code {"rewards": []}} alone.
     * @param rewards The rewards.
     * @param splits How each query was split.
     * @param withScores Also send {@code scores}.
     * @return The body.
     */
    static byte[] openRlhf(TextRewards rewards, List<OpenRlhfSplitter.Split> splits, boolean withScores) {
        return json(g -> {
            numbers(g, "rewards", rewards.rewards());
            if (rewards.size() == 0) {
                return;
            }
            if (withScores) {
                numbers(g, "scores", rewards.rewards());
            }
            g.writeArrayFieldStart("split");
            for (OpenRlhfSplitter.Split split : splits) {
                g.writeString(split.label());
            }
            g.writeEndArray();
            if (rewards.std() != null) {
                g.writeObjectFieldStart("extra_logs");
                numbers(g, "reward_std", rewards.std());
                g.writeEndObject();
            }
        });
    }

    /**
     * What {@code /health} says.
     * @param scorer The model.
     * @param ready False while draining.
     * @return The body.
     */
    static byte[] health(TextRewardScorer scorer, boolean ready) {
        return json(g -> {
            g.writeStringField("status", ready ? "ready" : "draining");
            g.writeStringField("model", scorer.name());
            g.writeStringField("model_class", scorer.modelDescription());
            g.writeStringField("device", scorer.device());
            g.writeNumberField("features", scorer.numFeatures());
            g.writeStringField("encoder", scorer.encoderDescription().orElse(null));
            g.writeBooleanField("ensemble", scorer.hasSpread());
            g.writeArrayFieldStart("endpoints");
            for (String endpoint : RewardHandler.SCORING_ENDPOINTS) {
                g.writeString(endpoint);
            }
            g.writeEndArray();
        });
    }

    private static void numbers(JsonGenerator g, String name, double[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : values) {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
    }

    private static byte[] json(Writer fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
