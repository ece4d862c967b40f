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

import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.policy.UtilityAssignment;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What every solver trains on: the dataset's prompt groups with at least one ordered pair, their features and the
 * utility the objective's policy gives each group.
 *
 * @param examples The training examples, by example index.
 * @param groups Their prompt groups.
 * @param features The features of every grouped example, by example index (null for examples in no group).
 * @param assignment The utility of every group.
 */
record TrainingGroups(List<Example<Regressor>> examples, RankingGroups groups, SparseFeatures[] features,
                      UtilityAssignment assignment) {
    private static final Logger logger = Logger.getLogger(TrainingGroups.class.getName());

    /**
     * Groups a dataset, checks the groups against the objective, featurises them and assigns their utilities (logging
     * the skipped groups).
     * @param trainer The trainer (its metadata keys and objective).
     * @param data The training data.
     * @return The groups.
     * @throws IllegalArgumentException If no group has an ordered pair, or the data does not fit the objective.
     */
    static TrainingGroups of(RankingRewardTrainer trainer, Dataset<Regressor> data) {
        List<Example<Regressor>> examples = data.getData();
        RankingGroups groups = RankingGroups.of(examples, trainer.promptIdKey, trainer.promptTypeKey);
        if (groups.size() == 0) {
            throw new IllegalArgumentException("no prompt group with an ordered pair among " + examples.size()
                    + " examples (" + groups.singletonGroups() + " groups of one response, " + groups.tiedGroups()
                    + " all tied); check the '" + trainer.promptIdKey + "' metadata and the scores");
        }
        if (groups.singletonGroups() + groups.tiedGroups() > 0) {
            logger.info(() -> "skipped " + groups.singletonGroups() + " groups of one response and "
                    + groups.tiedGroups() + " groups with all responses tied (no ordered pair)");
        }
        RankingObjective objective = trainer.objective;
        for (RankingGroup group : groups) {
            objective.pairWeighting().requireUsable(group.promptId(), group.scores());
            requireFiniteMargin(objective.margin(), group);
        }
        SparseFeatures[] features = SparseFeatures.ofGroups(examples, groups, data.getFeatureIDMap());
        UtilityAssignment assignment = objective.policy().assign(groups, examples);
        assignment.requireTrainable();
        return new TrainingGroups(examples, groups, features, assignment);
    }

    /** Logs the utilities the groups train with (once the solver has accepted them). */
    void logUtilities() {
        TrainingProgress.line(() -> "utilities: " + assignment.description() + "; groups per utility: "
                + assignment.counts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
    }

    /** Refuses scores whose differences, times the margin, overflow (training would diverge at once). */
    private static void requireFiniteMargin(double margin, RankingGroup group) {
        if (margin == 0.0) {
            return;
        }
        double[] scores = group.scores();
        double max = Arrays.stream(scores).max().orElse(0);
        double min = Arrays.stream(scores).min().orElse(0);
        if (!Double.isFinite(margin * (max - min))) {
            throw new IllegalArgumentException("prompt '" + group.promptId() + "': with margin " + margin
                    + " its scores " + max + " and " + min + " give a margin beyond a double's range; rescale the "
                    + "scores or lower the margin");
        }
    }
}
