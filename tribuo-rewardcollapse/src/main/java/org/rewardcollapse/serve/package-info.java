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
 * An HTTP reward server: a trained ({@code .tribuo}, scored in the JVM) or exported ({@code .onnx}, scored by ONNX
 * Runtime on the CPU or a CUDA device) reward model, its sentence encoder included, answering the reward requests of
 * an RLHF trainer. It speaks OpenRLHF's remote-reward-model protocol ({@code POST /get_reward}), a native
 * {@code POST /v1/rewards} of (prompt, response) pairs, {@code GET /health} and {@code GET /metrics} (Prometheus text).
 * <p>
 * The parts, by concern: {@link org.rewardcollapse.serve.TextRewardScorer} turns (prompt, response) pairs into rewards
 * exactly as {@code score} does; {@link org.rewardcollapse.serve.MicroBatcher} gathers the requests of concurrent
 * clients into one scoring call on one thread; {@link org.rewardcollapse.serve.RequestBodies} reads the JSON bodies
 * and {@link org.rewardcollapse.serve.OpenRlhfSplitter} cuts OpenRLHF's queries into prompt and response;
 * {@link org.rewardcollapse.serve.RewardHandler} is the HTTP layer (Jetty core handlers, no servlets) and
 * {@link org.rewardcollapse.serve.ServeMetrics} what {@code /metrics} shows. {@link org.rewardcollapse.serve.RewardServer}
 * starts and stops the whole, configured by {@link org.rewardcollapse.serve.ServeSettings}.
 * <p>
 * Jetty ({@code org.eclipse.jetty:jetty-server}) is an optional dependency of the library: a program that starts a
 * server adds it (the runnable jar has it).
 */
package org.rewardcollapse.serve;
