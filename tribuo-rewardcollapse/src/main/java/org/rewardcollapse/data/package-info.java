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
 * Ranking data as plain Tribuo types, the core that the rest of the project reads: one example per (prompt, response)
 * with the prompt group and type in metadata ({@link org.rewardcollapse.data.RankingMetadata}), prompt groups and
 * their responses as read, a grouping view over any dataset with its strictly ordered pairs, group-aware splits, and
 * the provenance of a loaded file. Loaders live in {@code data.source}, featurisation in {@code data.features}, the
 * paper's synthetic benchmark in {@code data.synthetic}.
 */
package org.rewardcollapse.data;
