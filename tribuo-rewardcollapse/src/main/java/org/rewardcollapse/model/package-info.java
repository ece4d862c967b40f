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
 * Reward models as plain Tribuo {@code Model<Regressor>}s: a dense network over sparse features (no hidden layer
 * for the linear model, one or more for the MLP), a head that turns its logit into the reward (sigmoid for bounded
 * rewards, optional normalisation), the training history, and protobuf serialization; ensembles of them, whose
 * prediction carries the members' disagreement as its variance and whose ONNX graph has a standard-deviation output.
 */
package org.rewardcollapse.model;
