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

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rewardcollapse.data.features.ResponseFeaturizer;

/**
 * The columns of encoded responses ({@link SparkEncoding}): one row per response, with where it came from, its group,
 * its label, the length features {@link ResponseFeaturizer} computes from its text, and the encoder's vectors of the
 * response and of its prompt, each with its text's {@code EmbeddingCache} key.
 */
public final class EncodedColumns {
    /** ln(1 + words) of the response ({@value ResponseFeaturizer#LOG_WORDS}; 0 exactly for a blank response). */
    public static final String LOG_WORDS = "log_words";
    /** ln(1 + characters) of the response ({@value ResponseFeaturizer#LOG_CHARS}). */
    public static final String LOG_CHARS = "log_chars";
    /** The response text's cache key: the SHA-256 (hex) of its UTF-8 bytes ({@code EmbeddingCache.keyOf}). */
    public static final String RESPONSE_KEY = "response_key";
    /** The response's vector, array&lt;float&gt; of the encoder's width (the encoder's identity in its metadata). */
    public static final String EMBEDDING = "embedding";
    /** The prompt text's cache key, or null when the group has no prompt. */
    public static final String PROMPT_KEY = "prompt_key";
    /** The prompt's vector, or null when the group has no prompt. */
    public static final String PROMPT_EMBEDDING = "prompt_embedding";

    private EncodedColumns() {}

    /**
     * The schema of encoded responses.
     * @param identity The encoder, recorded in the embedding column's metadata.
     * @return The schema.
     */
    public static StructType schema(EncoderIdentity identity) {
        return new StructType(new StructField[]{
                DataTypes.createStructField(ScoreColumns.FILE, DataTypes.StringType, false),
                DataTypes.createStructField(ScoreColumns.LINE, DataTypes.LongType, false),
                DataTypes.createStructField(ScoreColumns.PROMPT_ID, DataTypes.StringType, false),
                DataTypes.createStructField(ScoreColumns.RESPONSE_INDEX, DataTypes.IntegerType, false),
                DataTypes.createStructField(ScoreColumns.PROMPT_TYPE, DataTypes.StringType, true),
                DataTypes.createStructField(ScoreColumns.SCORE, DataTypes.DoubleType, true),
                DataTypes.createStructField(LOG_WORDS, DataTypes.DoubleType, false),
                DataTypes.createStructField(LOG_CHARS, DataTypes.DoubleType, false),
                DataTypes.createStructField(RESPONSE_KEY, DataTypes.StringType, false),
                DataTypes.createStructField(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false,
                        identity.metadata()),
                DataTypes.createStructField(PROMPT_KEY, DataTypes.StringType, true),
                DataTypes.createStructField(PROMPT_EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false),
                        true, Metadata.empty())});
    }

    /**
     * The schema of what the executors produce: a flag for bad lines, the encoded columns (nullable, as a bad line
     * has none of them) and the error.
     * @param identity The encoder.
     * @return The schema.
     */
    static StructType outcomes(EncoderIdentity identity) {
        StructType encoded = schema(identity);
        StructField[] fields = new StructField[encoded.fields().length + 2];
        fields[0] = DataTypes.createStructField("bad", DataTypes.BooleanType, false);
        for (int i = 0; i < encoded.fields().length; i++) {
            StructField f = encoded.fields()[i];
            boolean always = f.name().equals(ScoreColumns.FILE) || f.name().equals(ScoreColumns.LINE);
            fields[i + 1] = new StructField(f.name(), f.dataType(), !always || f.nullable(), f.metadata());
        }
        fields[fields.length - 1] = DataTypes.createStructField(ScoreColumns.ERROR, DataTypes.StringType, true);
        return new StructType(fields);
    }
}
