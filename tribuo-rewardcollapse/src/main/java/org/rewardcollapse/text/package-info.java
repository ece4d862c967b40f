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
 * Text encoders run in the JVM: a sentence-transformer ONNX model and its Hugging Face tokenizer, run by ONNX Runtime
 * on the CPU or a CUDA device, with long texts encoded in windows, and an on-disk cache of embeddings keyed by
 * encoder and text (used when asked for). They implement {@link org.rewardcollapse.data.features.TextEncoder}. The
 * default encoder, all-MiniLM-L6-v2, comes inside a Maven artifact; nothing is downloaded.
 */
package org.rewardcollapse.text;
