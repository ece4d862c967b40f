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
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of what Spark scoring produces: one row per scored response, and one per bad input line.
 */
public final class ScoreColumns {
    /** The input file. */
    public static final String FILE = "file";
    /** The 1-based line of a JSONL file, or row of a Parquet file. */
    public static final String LINE = "line";
    /** The prompt group id. */
    public static final String PROMPT_ID = "prompt_id";
    /** The response's position in its prompt's group. */
    public static final String RESPONSE_INDEX = "response_index";
    /** The prompt type, or null. */
    public static final String PROMPT_TYPE = "prompt_type";
    /** The preference score the data gives (the truth an evaluation compares with), or null. */
    public static final String SCORE = "score";
    /** The response's length in characters, or null without text. */
    public static final String RESPONSE_LENGTH = "response_length";
    /** The reward the model gives. */
    public static final String REWARD = "reward";
    /** The standard deviation of an ensemble's members' rewards (its mean is the reward); only an ensemble's scores
     * have this column. */
    public static final String REWARD_STD = "reward_std";
    /** What is wrong with a bad line. */
    public static final String ERROR = "error";

    /** The schema of scored responses. */
    public static final StructType SCORES = new StructType(new StructField[]{
            DataTypes.createStructField(FILE, DataTypes.StringType, false),
            DataTypes.createStructField(LINE, DataTypes.LongType, false),
            DataTypes.createStructField(PROMPT_ID, DataTypes.StringType, false),
            DataTypes.createStructField(RESPONSE_INDEX, DataTypes.IntegerType, false),
            DataTypes.createStructField(PROMPT_TYPE, DataTypes.StringType, true),
            DataTypes.createStructField(SCORE, DataTypes.DoubleType, true),
            DataTypes.createStructField(RESPONSE_LENGTH, DataTypes.IntegerType, true),
            DataTypes.createStructField(REWARD, DataTypes.DoubleType, false)});

    /** The schema of an ensemble's scored responses: {@link #SCORES} and {@link #REWARD_STD}. */
    public static final StructType ENSEMBLE_SCORES = SCORES.add(REWARD_STD, DataTypes.DoubleType, false);

    /** The schema of bad lines. */
    public static final StructType BAD_ROWS = new StructType(new StructField[]{
            DataTypes.createStructField(FILE, DataTypes.StringType, false),
            DataTypes.createStructField(LINE, DataTypes.LongType, false),
            DataTypes.createStructField(ERROR, DataTypes.StringType, false)});

    private ScoreColumns() {}
}
