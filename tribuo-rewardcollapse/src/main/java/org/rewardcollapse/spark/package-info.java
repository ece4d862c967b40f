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
/**
 * Scoring and evaluation on Apache Spark: an exported reward model broadcast to the executors, one ONNX Runtime
 * session per executor JVM, the project's JSONL formats and Parquet read in parallel with every bad line counted, and
 * the ranking report computed with Spark aggregations over prompt groups, equal to the single-machine one; and Newton
 * training of the linear head ({@link org.rewardcollapse.spark.SparkNewtonTraining}), its sums over prompt groups
 * computed on the executors and merged in a fixed order, equal to the local training; and sentence encoding on the
 * executors ({@link org.rewardcollapse.spark.SparkEncoding}, one encoder per executor JVM), whose vectors equal the
 * single-machine encoder's and fill a local embedding cache, so a local featuriser need not encode again. A model's
 * rewards also go into a user's own DataFrames ({@link org.rewardcollapse.spark.SparkRewards}) and SQL
 * ({@link org.rewardcollapse.spark.RewardUdf}), an ensemble's with their standard deviation, the model read from any
 * Hadoop filesystem ({@link org.rewardcollapse.spark.SparkModel}). Spark is a provided dependency: the cluster brings
 * it.
 */
package org.rewardcollapse.spark;
