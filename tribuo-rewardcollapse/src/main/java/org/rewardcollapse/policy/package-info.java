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
 * Prompt-aware utility policies: which utility U each prompt group trains with. A fixed utility (the usual, which
 * collapses), a utility per prompt type (the paper's fix), and two automatic policies for data without type labels:
 * one fits the reward shape of cardinal scores through the theory engine, the other learns prompt types with any
 * Tribuo classifier from a labelled subset of prompts.
 */
package org.rewardcollapse.policy;
