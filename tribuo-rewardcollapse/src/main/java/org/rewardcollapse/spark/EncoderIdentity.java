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
package org.rewardcollapse.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.text.OnnxTextEncoder;

import java.util.stream.Stream;

/**
 * What encoded a file's vectors: the encoder as named, its description, the SHA-256 of its model and tokenizer files,
 * its fingerprint (that hash with the settings that change a vector: the key of {@code EmbeddingCache}'s file) and the
 * vectors' width. It travels in the embedding column's metadata (in every Parquet file's footer, in the Spark schema
 * Spark keeps there) and in the job's {@value SparkEncodeJob#ENCODER} file.
 *
 * @param encoder The encoder as named ({@code minilm}, or a directory).
 * @param description The encoder's description (model, pooling, window, device, hash).
 * @param sha256 The SHA-256 of its files.
 * @param fingerprint Its fingerprint.
 * @param dimension The vectors' width.
 */
public record EncoderIdentity(String encoder, String description, String sha256, String fingerprint, int dimension) {
    private static final String ENCODER = "rewardcollapse.encoder";
    private static final String DESCRIPTION = "rewardcollapse.encoder.description";
    private static final String SHA256 = "rewardcollapse.encoder.sha256";
    private static final String FINGERPRINT = "rewardcollapse.encoder.fingerprint";
    private static final String DIMENSION = "rewardcollapse.encoder.dimension";

    /**
     * The identity of an encoder (reads its files).
     * @param named The encoder as named.
     * @param encoder The encoder.
     * @return The identity.
     */
    public static EncoderIdentity of(String named, OnnxTextEncoder encoder) {
        return new EncoderIdentity(named, encoder.describe(), encoder.sha256(), encoder.fingerprint(),
                encoder.dimension());
    }

    /**
     * The identity as column metadata.
     * @return The metadata.
     */
    public Metadata metadata() {
        return new MetadataBuilder().putString(ENCODER, encoder).putString(DESCRIPTION, description)
                .putString(SHA256, sha256).putString(FINGERPRINT, fingerprint).putLong(DIMENSION, dimension).build();
    }

    /**
     * The identity a column's metadata holds.
     * @param metadata The embedding column's metadata.
     * @param where The data, for the message.
     * @return The identity.
     * @throws IllegalArgumentException If the metadata holds none, naming the data.
     */
    public static EncoderIdentity fromMetadata(Metadata metadata, String where) {
        if (!Stream.of(ENCODER, DESCRIPTION, SHA256, FINGERPRINT, DIMENSION).allMatch(metadata::contains)) {
            throw new IllegalArgumentException(where + ": the embedding column does not say which encoder made it (is "
                    + "it an output of spark-encode?)");
        }
        return new EncoderIdentity(metadata.getString(ENCODER), metadata.getString(DESCRIPTION),
                metadata.getString(SHA256), metadata.getString(FINGERPRINT), (int) metadata.getLong(DIMENSION));
    }

    /**
     * The identity as JSON.
     * @return A JSON object.
     */
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("encoder", encoder);
        json.put("description", description);
        json.put("sha256", sha256);
        json.put("fingerprint", fingerprint);
        json.put("dimension", dimension);
        return json;
    }
}
