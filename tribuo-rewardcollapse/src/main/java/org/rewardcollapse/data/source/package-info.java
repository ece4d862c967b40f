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
 * Loaders and writers of the file formats users have, as configurable Tribuo data sources: generic ranked JSONL,
 * OpenAssistant message trees, chosen/rejected pairs (the HH-RLHF layout) and LETOR / SVMlight; strict line readers
 * whose every error names the file, line and field; prompt-type rules; the scores file; and splitting a file by
 * prompt group in its own format.
 */
package org.rewardcollapse.data.source;
