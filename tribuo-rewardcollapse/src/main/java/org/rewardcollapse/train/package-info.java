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
 * Trainers of ranking reward models: Tribuo {@code Trainer<Regressor>}s that maximise, per prompt group, the sum of
 * the prompt's utility U over all ordered pairs of its responses, with the utility chosen by a policy. What is
 * maximised is a {@link org.rewardcollapse.train.RankingObjective}, whose loss is
 * {@link org.rewardcollapse.train.RankingLoss} (the paper's formula in one file); the trainers
 * ({@link org.rewardcollapse.train.LinearRewardTrainer}, {@link org.rewardcollapse.train.MlpRewardTrainer}) hold the
 * settings, and one training run's loop (minibatches of whole groups, snapshots, divergence checks) is beside its
 * parts: the validation split, early stopping, the gradient engine, the optimiser step, the reward statistics and
 * the progress lines. A linear model may instead be solved to optimality by Newton's method
 * ({@link org.rewardcollapse.train.LinearSolver#NEWTON}: {@link org.rewardcollapse.train.NewtonSolver} over
 * {@link org.rewardcollapse.train.NewtonSums}, the objective's value, gradient and Hessian summed over groups). A
 * correct Adam/AdamW (and lazy Adam) is {@link org.rewardcollapse.train.Adam}; ensembles are trained by
 * {@link org.rewardcollapse.train.EnsembleRewardTrainer}.
 */
package org.rewardcollapse.train;
