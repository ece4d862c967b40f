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
package org.rewardcollapse.experiment;

import org.rewardcollapse.eval.RankingReport;
import org.tribuo.Model;
import org.rewardcollapse.eval.DisagreementDeciles;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one experiment run produced.
 *
 * @param name The experiment's name.
 * @param directory The run directory.
 * @param model The trained model.
 * @param report The evaluation on the test groups (the training groups when no test set was held out).
 * @param gapByStep The collapse gap at each training snapshot, {step, gap} pairs (empty without snapshots or types).
 * @param trainingSeconds Wall time of training.
 * @param selection The cross-validated choice of the L2 penalty, when the experiment made one.
 * @param disagreement An ensemble's accuracy by disagreement decile on the test groups (empty for other models).
 */
public record RunResult(String name, Path directory, Model<Regressor> model, RankingReport report,
                        List<double[]> gapByStep, double trainingSeconds, Optional<L2Selection.Result> selection,
                        DisagreementDeciles.Disagreement disagreement) {}
