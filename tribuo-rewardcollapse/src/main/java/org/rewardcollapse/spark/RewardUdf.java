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

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * An exported reward model as SQL functions: {@code register(spark, "reward", path)} makes
 * {@code SELECT reward(prompt, response) FROM answers} work, in SQL, in {@code functions.call_udf} and from PySpark
 * ({@code spark.sql}), and for an ensemble also {@code reward_std(prompt, response)}, the standard deviation of its
 * members' rewards. The model is read and checked on the driver and shipped as {@link SparkRewards} ships it, each
 * executor JVM opening it once ({@link ExecutorModel}); a null response gives null, a null prompt scores the response
 * alone. A SQL function sees one row at a time, so each call is one ONNX Runtime run: for many rows,
 * {@link SparkRewards#transform} scores them in batches and gives both columns from one run.
 */
public final class RewardUdf {
    private RewardUdf() {}

    /**
     * Registers the model's functions under a name, with the default settings ({@link SparkRewards#load}).
     * @param spark The session.
     * @param name The function's name; an ensemble's standard deviation is {@code name + "_std"}.
     * @param modelPath The exported {@code .onnx} model: a local path or any Hadoop filesystem URI.
     * @return The names registered: {@code name}, and {@code name_std} for an ensemble.
     * @throws IllegalArgumentException If the path cannot be read or is not a reward model over text, naming the path.
     */
    public static List<String> register(SparkSession spark, String name, String modelPath) {
        return register(spark, name, SparkRewards.load(spark, modelPath));
    }

    /**
     * Registers an already loaded model's functions under a name.
     * @param spark The session.
     * @param name The function's name; an ensemble's standard deviation is {@code name + "_std"}.
     * @param rewards The loaded model.
     * @return The names registered.
     */
    public static List<String> register(SparkSession spark, String name, SparkRewards rewards) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a SQL function name is letters, digits and _, not starting with a "
                    + "digit; found '" + name + "'");
        }
        spark.udf().register(name, new Score(rewards, 0), DataTypes.DoubleType);
        if (!rewards.model().isEnsemble()) {
            return List.of(name);
        }
        spark.udf().register(name + "_std", new Score(rewards, 1), DataTypes.DoubleType);
        return List.of(name, name + "_std");
    }

    /** One of the model's outputs (0: the reward, 1: an ensemble's standard deviation) for one row. */
    private static final class Score implements UDF2<String, String, Double> {
        private static final long serialVersionUID = 1L;
        private final ScoringSettings settings;
        private final org.apache.spark.broadcast.Broadcast<byte[]> bytes;
        private final int output;
        private transient ExecutorModel model;

        Score(SparkRewards rewards, int output) {
            this.settings = rewards.settings();
            this.bytes = rewards.broadcast();
            this.output = output;
        }

        @Override
        public Double call(String prompt, String response) {
            if (response == null) {
                return null;
            }
            if (model == null) {
                model = ExecutorModel.get(settings, bytes.value());
            }
            java.util.ArrayList<String> prompts = new java.util.ArrayList<>(1);
            prompts.add(prompt);
            return model.scoreTexts(prompts, List.of(response), k -> "the response '" + (response.length() > 60
                    ? response.substring(0, 60) + "..." : response) + "'")[output][0];
        }
    }
}
