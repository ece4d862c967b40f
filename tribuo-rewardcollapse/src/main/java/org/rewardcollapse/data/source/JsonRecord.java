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
package org.rewardcollapse.data.source;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON object read from one line of a data file, with typed field access whose every error names the
 * file, the line and the field's JSON path (for example {@code responses[2].rank}).
 */
public final class JsonRecord {
    private final Path file;
    private final long line;
    private final String path;
    private final JsonNode node;

    JsonRecord(Path file, long line, String path, JsonNode node) {
        this.file = file;
        this.line = line;
        this.path = path;
        this.node = node;
    }

    /**
     * The 1-based line this record was read from.
     * @return The line number.
     */
    public long line() {
        return line;
    }

    /**
     * The file this record was read from.
     * @return The file.
     */
    public Path file() {
        return file;
    }

    /**
     * The JSON path of this record within its line (empty for the line's top-level object).
     * @return The path.
     */
    public String path() {
        return path;
    }

    /**
     * Is the field present with a non-null value?
     * @param name The field name.
     * @return True if present and not JSON null.
     */
    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /**
     * Is the field an array (a conversation's list of messages, rather than a string)?
     * @param name The field name.
     * @return True if present and an array.
     */
    public boolean isArray(String name) {
        JsonNode value = node.get(name);
        return value != null && value.isArray();
    }

    /**
     * An optional boolean field (a preference label, {@code true} for a desirable response).
     * @param name The field name.
     * @return The value, or empty when absent or null.
     */
    public Optional<Boolean> optionalBoolean(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw error(name, "expected true or false, found " + describe(value));
        }
        return Optional.of(value.booleanValue());
    }

    /**
     * A required, non-empty string field.
     * @param name The field name.
     * @return The string.
     */
    public String requireText(String name) {
        JsonNode value = require(name);
        if (!value.isTextual()) {
            throw error(name, "expected a string, found " + describe(value));
        }
        if (value.asText().isBlank()) {
            throw error(name, "empty text");
        }
        return value.asText();
    }

    /**
     * A required string field that may be empty (a response that says nothing is data).
     * @param name The field name.
     * @return The string.
     */
    public String requireString(String name) {
        JsonNode value = require(name);
        if (!value.isTextual()) {
            throw error(name, "expected a string, found " + describe(value));
        }
        return value.asText();
    }

    /**
     * An optional, non-empty string field.
     * @param name The field name.
     * @return The string, or empty when absent or null.
     */
    public Optional<String> optionalText(String name) {
        return has(name) ? Optional.of(requireText(name)) : Optional.empty();
    }

    /**
     * An optional identifier: a string or an integer, returned as a string.
     * @param name The field name.
     * @return The identifier, or empty when absent or null.
     */
    public Optional<String> optionalId(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (value.isIntegralNumber()) {
            return Optional.of(value.asText());
        }
        return Optional.of(requireText(name));
    }

    /**
     * A required non-negative integer field.
     * @param name The field name.
     * @return The value.
     */
    public int requireNonNegativeInt(String name) {
        JsonNode value = require(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(name, "expected a non-negative integer, found " + describe(value));
        }
        int result = value.intValue();
        if (result < 0) {
            throw error(name, "expected a non-negative integer, found " + result);
        }
        return result;
    }

    /**
     * A required finite number.
     * @param name The field name.
     * @return The value.
     */
    public double requireFiniteNumber(String name) {
        JsonNode value = require(name);
        if (!value.isNumber()) {
            throw error(name, "expected a number, found " + describe(value));
        }
        double result = value.doubleValue();
        if (!Double.isFinite(result)) {
            throw error(name, "number is not finite (" + value.asText() + ")");
        }
        return result;
    }

    /**
     * The optional {@code prompt_type}, which may not be {@value LoadReport#UNTYPED} (what reports call prompts without a
     * type: a prompt typed so would be counted with them).
     * @return The type, or empty when absent or null.
     */
    public Optional<String> optionalPromptType() {
        Optional<String> type = optionalText("prompt_type");
        if (type.isPresent() && type.get().equals(LoadReport.UNTYPED)) {
            throw error("prompt_type", "'" + LoadReport.UNTYPED + "' is what reports call prompts without a type; "
                    + "give another name");
        }
        return type;
    }

    /**
     * An optional vector: a non-empty array of finite numbers within a float's range.
     * @param name The field name.
     * @return The vector, or empty when the field is absent or null.
     */
    public Optional<float[]> optionalVector(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray() || value.isEmpty()) {
            throw error(name, "expected a non-empty array of numbers, found " + describe(value));
        }
        float[] vector = new float[value.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode element = value.get(i);
            if (!element.isNumber() || !Double.isFinite(element.doubleValue())) {
                throw new DataFormatException(file, line, child(name) + "[" + i + "]",
                        "expected a finite number, found " + describe(element));
            }
            if (Math.abs(element.doubleValue()) > Float.MAX_VALUE) {
                throw new DataFormatException(file, line, child(name) + "[" + i + "]", "the number "
                        + element.asText() + " is beyond the range of a float (" + Float.MAX_VALUE + ")");
            }
            vector[i] = element.floatValue();
        }
        return Optional.of(vector);
    }

    /**
     * A required object field.
     * @param name The field name.
     * @return The nested record.
     */
    public JsonRecord requireObject(String name) {
        JsonNode value = require(name);
        if (!value.isObject()) {
            throw error(name, "expected an object, found " + describe(value));
        }
        return new JsonRecord(file, line, child(name), value);
    }

    /**
     * A required array of objects; null or absent is an error, an empty array is returned as empty.
     * @param name The field name.
     * @return The elements, each with its indexed path.
     */
    public List<JsonRecord> requireObjectArray(String name) {
        JsonNode value = require(name);
        if (!value.isArray()) {
            throw error(name, "expected an array, found " + describe(value));
        }
        List<JsonRecord> result = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = child(name) + "[" + i + "]";
            if (!element.isObject()) {
                throw new DataFormatException(file, line, elementPath, "expected an object, found " + describe(element));
            }
            result.add(new JsonRecord(file, line, elementPath, element));
        }
        return result;
    }

    /**
     * An optional array of objects: absent or null gives an empty list.
     * @param name The field name.
     * @return The elements.
     */
    public List<JsonRecord> optionalObjectArray(String name) {
        return has(name) ? requireObjectArray(name) : List.of();
    }

    /**
     * An error located at a field of this record.
     * @param name The field name, or null for the record itself.
     * @param problem What is wrong.
     * @return The exception, to throw.
     */
    public DataFormatException error(String name, String problem) {
        return new DataFormatException(file, line, name == null ? (path.isEmpty() ? null : path) : child(name), problem);
    }

    private JsonNode require(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw error(name, value == null ? "missing" : "is null");
        }
        return value;
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            return "string \"" + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "\"";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "an array" : "an object";
        }
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value.asText();
    }
}
