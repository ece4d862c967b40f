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
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the JSON bodies of the two scoring endpoints with Jackson's streaming parser, checking every bound as it goes:
 * a malformed body, a wrong type or a missing field is a 400, too many items or too long a text a 413, each with a
 * message that names the place.
 * <ul>
 *     <li>Native ({@code POST /v1/rewards}): an array of {@code {"prompt": str, "response": str}} objects, bare or as
 *     {@code {"items": [...]}}; other keys are ignored.</li>
 *     <li>OpenRLHF ({@code POST /get_reward}): {@code {"query": [str], "prompts": [str], "labels": [any]}}; only
 *     {@code query} is required (OpenRLHF before 0.6.0 sends it alone), {@code labels} and other keys are ignored.</li>
 * </ul>
 */
final class RequestBodies {
    /** The status for content over a bound. */
    static final int TOO_LARGE = 413;
    private static final int BAD = 400;

    /**
     * OpenRLHF's request.
     *
     * @param queries The decoded sequences.
     * @param prompts The templated prompts, one per query, or null when the request has none.
     */
    record OpenRlhfBody(List<String> queries, List<String> prompts) {}

    private final JsonFactory factory;
    private final int maxItems;
    private final int maxTextChars;

    /**
     * A reader.
     * @param maxItems The most items (pairs or queries) in a request.
     * @param maxTextChars The longest text.
     */
    RequestBodies(int maxItems, int maxTextChars) {
        this.maxItems = maxItems;
        this.maxTextChars = maxTextChars;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256)
                        .maxStringLength(Math.max(StreamReadConstraints.DEFAULT_MAX_STRING_LEN, maxTextChars + 1))
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Reads a native body.
     * @param body The bytes.
     * @return The pairs.
     * @throws BadRequestException If the body is not a valid request.
     */
    List<TextPair> readPairs(byte[] body) throws BadRequestException {
        try (JsonParser p = open(body, "an array of {\"prompt\", \"response\"} objects")) {
            JsonToken first = p.currentToken();
            if (first == JsonToken.START_OBJECT) {
                List<TextPair> pairs = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("items")) {
                        if (value != JsonToken.START_ARRAY) {
                            throw new BadRequestException(BAD, "\"items\" must be an array of {\"prompt\", \"response\"} "
                                    + "objects, found " + describe(value));
                        }
                        pairs = pairArray(p);
                    } else {
                        p.skipChildren();
                    }
                }
                if (pairs == null) {
                    throw new BadRequestException(BAD, "missing \"items\": expected an array of {\"prompt\", "
                            + "\"response\"} objects, bare or as {\"items\": [...]}");
                }
                end(p);
                return pairs;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new BadRequestException(BAD, "expected an array of {\"prompt\", \"response\"} objects (or "
                        + "{\"items\": [...]}), found " + describe(first));
            }
            List<TextPair> pairs = pairArray(p);
            end(p);
            return pairs;
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** The pairs of an array whose start the parser is on. */
    private List<TextPair> pairArray(JsonParser p) throws IOException, BadRequestException {
        List<TextPair> pairs = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int item = pairs.size();
            countItem(item);
            if (t != JsonToken.START_OBJECT) {
                throw new BadRequestException(BAD, "item " + item + ": expected a {\"prompt\", \"response\"} object, "
                        + "found " + describe(t));
            }
            String prompt = null;
            String response = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("prompt") || name.equals("response")) {
                    String where = "item " + item + ", \"" + name + "\"";
                    String text = text(p, value, where);
                    if (name.equals("prompt")) {
                        prompt = text;
                    } else {
                        response = text;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (prompt == null || response == null) {
                throw new BadRequestException(BAD, "item " + item + ": missing \""
                        + (prompt == null ? "prompt" : "response") + "\" (each item needs \"prompt\" and \"response\" "
                        + "strings; the prompt may be empty)");
            }
            pairs.add(new TextPair(prompt, response));
        }
        return pairs;
    }

    /**
     * Reads OpenRLHF's body.
     * @param body The bytes.
     * @return The queries and prompts.
     * @throws BadRequestException If the body is not a valid request.
     */
    OpenRlhfBody readOpenRlhf(byte[] body) throws BadRequestException {
        try (JsonParser p = open(body, "an object with a \"query\" array")) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException(BAD, "expected an object with a \"query\" array of strings, found "
                        + describe(p.currentToken()));
            }
            List<String> queries = null;
            List<String> prompts = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("query")) {
                    queries = strings(p, value, name);
                } else if (name.equals("prompts") && value != JsonToken.VALUE_NULL) {
                    prompts = strings(p, value, name);
                } else {
                    p.skipChildren();
                }
            }
            end(p);
            if (queries == null) {
                throw new BadRequestException(BAD, "missing \"query\": expected an array of strings (the decoded "
                        + "sequences)");
            }
            if (prompts != null && prompts.size() != queries.size()) {
                throw new BadRequestException(BAD, String.format(Locale.ROOT, "\"prompts\" has %,d entries but "
                        + "\"query\" has %,d: expected one prompt per query", prompts.size(), queries.size()));
            }
            return new OpenRlhfBody(queries, prompts);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    private List<String> strings(JsonParser p, JsonToken value, String name) throws IOException, BadRequestException {
        if (value != JsonToken.START_ARRAY) {
            throw new BadRequestException(BAD, "\"" + name + "\" must be an array of strings, found " + describe(value));
        }
        List<String> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            countItem(list.size());
            list.add(text(p, t, "\"" + name + "\"[" + list.size() + "]"));
        }
        return list;
    }

    private String text(JsonParser p, JsonToken value, String where) throws IOException, BadRequestException {
        if (value != JsonToken.VALUE_STRING) {
            throw new BadRequestException(BAD, where + " must be a string, found " + describe(value));
        }
        int length = p.getTextLength();
        if (length > maxTextChars) {
            throw new BadRequestException(TOO_LARGE, String.format(Locale.ROOT, "%s has %,d characters; the limit is "
                    + "%,d", where, length, maxTextChars));
        }
        return p.getText();
    }

    private void countItem(int index) throws BadRequestException {
        if (index >= maxItems) {
            throw new BadRequestException(TOO_LARGE, String.format(Locale.ROOT, "more than %,d items in one request; "
                    + "send fewer per request", maxItems));
        }
    }

    private JsonParser open(byte[] body, String expected) throws IOException, BadRequestException {
        if (body.length == 0) {
            throw new BadRequestException(BAD, "empty body: expected JSON, " + expected);
        }
        JsonParser p = factory.createParser(body);
        if (p.nextToken() == null) {
            p.close();
            throw new BadRequestException(BAD, "empty body: expected JSON, " + expected);
        }
        return p;
    }

    private static void end(JsonParser p) throws IOException, BadRequestException {
        if (p.nextToken() != null) {
            throw new BadRequestException(BAD, "unexpected content after the JSON value");
        }
    }

    private BadRequestException invalid(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new BadRequestException(TOO_LARGE, "the body is beyond the parser's limits: " + firstLine(e));
        }
        return new BadRequestException(BAD, "invalid JSON: " + firstLine(e));
    }

    private static String firstLine(IOException e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                ? json.getOriginalMessage() : e.getMessage();
        String line = message == null ? e.getClass().getSimpleName() : message.strip().lines().findFirst().orElse("");
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null) {
            line += " (at byte " + json.getLocation().getByteOffset() + ")";
        }
        return line;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
