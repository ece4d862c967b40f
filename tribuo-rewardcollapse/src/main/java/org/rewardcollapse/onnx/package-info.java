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
 * Scoring exported reward models with ONNX Runtime, on CPU or on a GPU through the CUDA provider: a batched,
 * thread-safe scorer that reads the featuriser from the model's metadata, device selection with an explicit CPU
 * fallback, and Tribuo's own {@code ONNXExternalModel} built from the same file.
 */
package org.rewardcollapse.onnx;
