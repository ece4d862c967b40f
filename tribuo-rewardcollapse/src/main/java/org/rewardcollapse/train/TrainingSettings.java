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
package org.rewardcollapse.train;

import org.rewardcollapse.model.Activation;
import org.rewardcollapse.policy.UtilityPolicy;

/**
 * The validated configuration of one training run, as its trainer's {@code @Config} fields set it.
 *
 * @param policy The utility policy.
 * @param bounded Bounded (sigmoid) rewards.
 * @param epochs The number of epochs.
 * @param minibatchSize Groups per minibatch.
 * @param l2 The L2 coefficient.
 * @param centringCoefficient The reward-centring coefficient.
 * @param pairWeighting How pairs are weighted.
 * @param normalizeRewards Standardise predictions with the training statistics.
 * @param warmupSteps Linear warm-up steps.
 * @param decay The schedule after warm-up.
 * @param validationFraction The fraction of groups held out for validation.
 * @param patience Epochs without validation improvement before stopping (0: never stop early).
 * @param snapshotSteps Optimiser steps at which to snapshot rewards.
 * @param snapshotGroups The maximum number of groups in a snapshot.
 * @param numThreads Gradient threads.
 * @param promptIdKey The prompt-id metadata key.
 * @param promptTypeKey The prompt-type metadata key.
 * @param hiddenSizes Hidden layer widths (empty: linear).
 * @param activation The activation between layers.
 * @param modelName The model's name.
 * @param modelClassName The model's class name, for its provenance.
 */
record TrainingSettings(UtilityPolicy policy, boolean bounded, int epochs, int minibatchSize, double l2,
                        double centringCoefficient, PairWeighting pairWeighting, boolean normalizeRewards, int warmupSteps,
                        LearningRateSchedule.Decay decay, double validationFraction, int patience,
                        int[] snapshotSteps, int snapshotGroups, int numThreads, String promptIdKey,
                        String promptTypeKey, int[] hiddenSizes, Activation activation, String modelName,
                        String modelClassName) {}
