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
package org.rewardcollapse.model;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.io.ProvenanceSerializationException;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.data.features.RecordedFeaturizer;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.ImmutableFeatureMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an exported reward model carries in its ONNX metadata besides Tribuo's provenance
 * ({@code TRIBUO_PROVENANCE}): everything a scorer needs to turn raw prompt/response text into the graph's input and
 * to read its output. Keys start with {@value #PREFIX}.
 *
 * @param features The feature names, in input-column order.
 * @param featurizer The featuriser's provenance as Tribuo JSON provenance, or null for numeric (LETOR) features.
 * @param head The reward head (inside the graph already; recorded for readers).
 * @param utilityByType The utility each prompt type trained with.
 * @param modelClass The class of the exported model.
 * @param outputName The name of the predicted regression dimension.
 * @param encoder The sentence encoder the features need, as JSON ({@code class}, {@code sha256}, {@code pooling},
 *                {@code maxTokens}, {@code normalize}, {@code modelDirectory}; unset: the bundled all-MiniLM-L6-v2), or
 *                null when there is none.
 */
public record OnnxMetadata(List<String> features, String featurizer, RewardHead head, UtilityByType utilityByType,
                           String modelClass, String outputName, String encoder) {
    /** The prefix of this project's metadata keys. */
    public static final String PREFIX = "rewardcollapse.";
    /** Key of the format version. */
    public static final String VERSION_KEY = PREFIX + "format-version";
    /** Key of the feature names (a JSON array). */
    public static final String FEATURES_KEY = PREFIX + "features";
    /** Key of the featuriser's provenance (Tribuo JSON provenance). */
    public static final String FEATURIZER_KEY = PREFIX + "featurizer";
    /** Key of the head (JSON). */
    public static final String HEAD_KEY = PREFIX + "head";
    /** Key of the utilities by prompt type (JSON). */
    public static final String UTILITIES_KEY = PREFIX + "utility-by-type";
    /** Key of the model class. */
    public static final String MODEL_CLASS_KEY = PREFIX + "model-class";
    /** Key of the sentence encoder the features need (JSON), when there is one. */
    public static final String ENCODER_KEY = PREFIX + "encoder";
    /** Key of the output dimension's name. */
    public static final String OUTPUT_NAME_KEY = PREFIX + "output-name";
    /** The current format version. */
    public static final String VERSION = "1";

    /**
     * Copies the collections.
     */
    public OnnxMetadata {
        features = List.copyOf(features);
    }

    /**
     * The metadata of a model.
     * @param model The model.
     * @return The metadata.
     */
    public static OnnxMetadata of(RewardModel model) {
        ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        List<String> names = new ArrayList<>(featureMap.size());
        for (int i = 0; i < featureMap.size(); i++) {
            names.add(featureMap.get(i).getName());
        }
        Optional<ConfiguredObjectProvenance> recorded = RecordedFeaturizer.recordedIn(model.getProvenance());
        String featurizer = recorded.map(f -> new JsonProvenanceSerialization(false).marshalAndSerialize(f))
                .orElse(null);
        return new OnnxMetadata(names, featurizer, model.head(), model.utilityByType(), model.getClass().getName(),
                model.dimensionName(), recorded.flatMap(OnnxMetadata::encoderJson).orElse(null));
    }

    /** The encoder's recorded settings, as JSON. */
    private static Optional<String> encoderJson(ConfiguredObjectProvenance featurizer) {
        Provenance encoder = featurizer.getConfiguredParameters().get("encoder");
        if (!(encoder instanceof ConfiguredObjectProvenance configured)) {
            return Optional.empty();
        }
        ObjectNode json = Json.mapper().createObjectNode().put("class", configured.getClassName());
        configured.getConfiguredParameters().forEach((name, value) -> {
            if (value instanceof PrimitiveProvenance<?> primitive && primitive.getValue() != null) {
                json.put(name, primitive.getValue().toString());
            }
        });
        return Optional.of(json.toString());
    }

    /**
     * The metadata as ONNX metadata properties.
     * @return The properties.
     */
    public List<OnnxMl.StringStringEntryProto> toProperties() {
        ArrayNode names = Json.mapper().createArrayNode();
        features.forEach(names::add);
        ObjectNode headNode = Json.mapper().createObjectNode().put("bounded", head.bounded())
                .put("normalise", head.normalise()).put("mean", head.mean()).put("std", head.std());
        List<OnnxMl.StringStringEntryProto> properties = new ArrayList<>();
        properties.add(entry(VERSION_KEY, VERSION));
        properties.add(entry(FEATURES_KEY, names.toString()));
        if (featurizer != null) {
            properties.add(entry(FEATURIZER_KEY, featurizer));
        }
        properties.add(entry(HEAD_KEY, headNode.toString()));
        properties.add(entry(UTILITIES_KEY, Json.mapper().valueToTree(utilityByType.toSpecs()).toString()));
        properties.add(entry(MODEL_CLASS_KEY, modelClass));
        properties.add(entry(OUTPUT_NAME_KEY, outputName));
        if (encoder != null) {
            properties.add(entry(ENCODER_KEY, encoder));
        }
        return properties;
    }

    /**
     * The metadata properties of an ONNX model file's contents.
     * @param model The model.
     * @return Key to value.
     */
    public static Map<String, String> properties(OnnxMl.ModelProto model) {
        Map<String, String> properties = new TreeMap<>();
        model.getMetadataPropsList().forEach(p -> properties.put(p.getKey(), p.getValue()));
        return properties;
    }

    /**
     * Reads the metadata back from a model's custom metadata properties.
     * @param properties The properties (as ONNX Runtime's {@code OnnxModelMetadata.getCustomMetadata()} returns them).
     * @return The metadata.
     * @throws IllegalArgumentException If the properties were not written by this project or are malformed.
     */
    public static OnnxMetadata fromProperties(Map<String, String> properties) {
        String version = properties.get(VERSION_KEY);
        if (version == null) {
            throw new IllegalArgumentException("not a reward model exported by tribuo-rewardcollapse (no '"
                    + VERSION_KEY + "' metadata)");
        }
        if (!VERSION.equals(version)) {
            throw new IllegalArgumentException("unsupported export format version " + version + " (this build reads "
                    + VERSION + ")");
        }
        try {
            List<String> features = new ArrayList<>();
            JsonNode names = require(properties, FEATURES_KEY);
            if (!names.isArray() || names.isEmpty()) {
                throw new IllegalArgumentException("'" + FEATURES_KEY + "' must be a non-empty array of feature names");
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (JsonNode node : names) {
                if (!node.isTextual() || !seen.add(node.asText())) {
                    throw new IllegalArgumentException("'" + FEATURES_KEY + "' holds " + (node.isTextual()
                            ? "the feature '" + node.asText() + "' twice" : "a non-string " + node));
                }
                features.add(node.asText());
            }
            JsonNode head = require(properties, HEAD_KEY);
            Map<String, String> specs = new TreeMap<>();
            require(properties, UTILITIES_KEY).fields().forEachRemaining(e -> specs.put(e.getKey(), e.getValue().asText()));
            UtilityByType utilities = UtilityByType.fromSpecs(specs);
            return new OnnxMetadata(features, properties.get(FEATURIZER_KEY),
                    new RewardHead(flag(head, "bounded"), flag(head, "normalise"), number(head, "mean"),
                            number(head, "std")),
                    utilities, properties.getOrDefault(MODEL_CLASS_KEY, ""), properties.getOrDefault(OUTPUT_NAME_KEY,
                            RankingMetadata.REWARD_DIMENSION), properties.get(ENCODER_KEY));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("malformed reward model metadata: " + e.getMessage(), e);
        }
    }

    /**
     * The featuriser that turns raw text into this model's features.
     * @return The featuriser, or empty for models over numeric features.
     */
    public Optional<ResponseFeaturizer> rebuildFeaturizer() {
        return rebuildFeaturizer(EncoderSetup.RECORDED);
    }

    /**
     * The featuriser that turns raw text into this model's features, its encoder set up for this machine.
     * @param encoder Where the encoder's files are now, its device and its cache.
     * @return The featuriser, or empty for models over numeric features.
     * @throws IllegalArgumentException If the metadata is malformed or the encoder's files are not the recorded ones.
     */
    public Optional<ResponseFeaturizer> rebuildFeaturizer(EncoderSetup encoder) {
        if (featurizer == null) {
            return Optional.empty();
        }
        ObjectProvenance provenance;
        try {
            provenance = new JsonProvenanceSerialization(false).deserializeAndUnmarshal(featurizer);
        } catch (ProvenanceSerializationException | RuntimeException e) {
            throw new IllegalArgumentException("malformed featuriser metadata '" + FEATURIZER_KEY + "': " + e.getMessage(), e);
        }
        return ResponseFeaturizer.fromProvenance(provenance, encoder);
    }

    private static boolean flag(JsonNode head, String field) {
        JsonNode value = head.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("'" + HEAD_KEY + "' needs a boolean '" + field + "', found " + value);
        }
        return value.booleanValue();
    }

    private static double number(JsonNode head, String field) {
        JsonNode value = head.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("'" + HEAD_KEY + "' needs a number '" + field + "', found " + value);
        }
        return value.doubleValue();
    }

    private static JsonNode require(Map<String, String> properties, String key) throws JsonProcessingException {
        String value = properties.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return Json.mapper().readTree(value);
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
