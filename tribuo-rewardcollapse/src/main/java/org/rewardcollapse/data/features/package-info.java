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
 * Featurisation: how a prompt and a response become Tribuo features, through Tribuo's text pipeline (hashed words),
 * the response's length, and sentence embeddings from a {@link org.rewardcollapse.data.features.TextEncoder} (the
 * interface that encoders implement; the ONNX Runtime one lives in {@code org.rewardcollapse.text}). The featuriser is
 * recorded in every model's provenance and rebuilt from it, so training and scoring featurise alike.
 */
package org.rewardcollapse.data.features;
