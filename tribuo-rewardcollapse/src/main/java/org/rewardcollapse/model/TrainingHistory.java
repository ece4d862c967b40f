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
package org.rewardcollapse.model;

import org.rewardcollapse.model.protos.EpochRecordProto;
import org.rewardcollapse.model.protos.GroupRewardsProto;
import org.rewardcollapse.model.protos.RewardSnapshotProto;
import org.rewardcollapse.model.protos.TrainingHistoryProto;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened while a reward model trained: one record per epoch, the reward snapshots taken at chosen optimiser
 * steps (the whole path to collapse, not only its end), why training stopped and which epoch's weights the model
 * holds. Immutable; serialized with the model.
 *
 * @param epochs One record per completed epoch.
 * @param snapshots The reward snapshots, in step order.
 * @param stopReason Why training stopped, in words.
 * @param bestEpoch The epoch whose weights the model holds (the last one unless early stopping restored another).
 * @param policy How the utility policy chose each prompt's utility, in words.
 */
public record TrainingHistory(List<EpochRecord> epochs, List<RewardSnapshot> snapshots, String stopReason,
                              int bestEpoch, String policy) {
    /** A history that records nothing (a model built outside a trainer). */
    public static final TrainingHistory EMPTY = new TrainingHistory(List.of(), List.of(), "", 0, "");

    /**
     * Copies the lists.
     */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
        snapshots = List.copyOf(snapshots);
    }

    /**
     * One epoch. Validation values are NaN when no validation groups were held out.
     *
     * @param epoch The epoch, from 1.
     * @param step The optimiser steps taken by its end.
     * @param loss The mean loss per training group over the epoch (with the weights as they were when each batch ran).
     * @param pairwiseAccuracy The training pairwise accuracy over the epoch, computed the same way.
     * @param validationLoss The mean loss per validation group at the epoch's end.
     * @param validationAccuracy The validation pairwise accuracy at the epoch's end.
     * @param seconds Seconds since training started.
     */
    public record EpochRecord(int epoch, long step, double loss, double pairwiseAccuracy, double validationLoss,
                              double validationAccuracy, double seconds) {}

    /**
     * The model's rewards on a fixed set of groups at one optimiser step.
     *
     * @param step The optimiser step (0 = before training).
     * @param epoch The epoch in progress (0 before training).
     * @param groups The groups.
     */
    public record RewardSnapshot(long step, int epoch, List<GroupRewards> groups) {
        /**
         * Copies the list.
         */
        public RewardSnapshot {
            groups = List.copyOf(groups);
        }
    }

    /**
     * The history as a protobuf message.
     * @return The message.
     */
    public TrainingHistoryProto toProto() {
        TrainingHistoryProto.Builder builder = TrainingHistoryProto.newBuilder()
                .setStopReason(stopReason).setBestEpoch(bestEpoch).setPolicy(policy);
        for (EpochRecord e : epochs) {
            builder.addEpochs(EpochRecordProto.newBuilder().setEpoch(e.epoch()).setStep(e.step()).setLoss(e.loss())
                    .setPairwiseAccuracy(e.pairwiseAccuracy()).setValidationLoss(e.validationLoss())
                    .setValidationAccuracy(e.validationAccuracy()).setSeconds(e.seconds()));
        }
        for (RewardSnapshot s : snapshots) {
            RewardSnapshotProto.Builder snapshot = RewardSnapshotProto.newBuilder().setStep(s.step()).setEpoch(s.epoch());
            for (GroupRewards g : s.groups()) {
                GroupRewardsProto.Builder group = GroupRewardsProto.newBuilder().setPromptId(g.promptId());
                g.type().ifPresent(group::setPromptType);
                for (double score : g.scores()) {
                    group.addScores(score);
                }
                for (double reward : g.rewards()) {
                    group.addRewards(reward);
                }
                snapshot.addGroups(group);
            }
            builder.addSnapshots(snapshot);
        }
        return builder.build();
    }

    /**
     * Reads a history from its message.
     * @param proto The message.
     * @return The history.
     */
    public static TrainingHistory fromProto(TrainingHistoryProto proto) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (EpochRecordProto e : proto.getEpochsList()) {
            epochs.add(new EpochRecord(e.getEpoch(), e.getStep(), e.getLoss(), e.getPairwiseAccuracy(),
                    e.getValidationLoss(), e.getValidationAccuracy(), e.getSeconds()));
        }
        List<RewardSnapshot> snapshots = new ArrayList<>();
        for (RewardSnapshotProto s : proto.getSnapshotsList()) {
            List<GroupRewards> groups = new ArrayList<>();
            for (GroupRewardsProto g : s.getGroupsList()) {
                groups.add(new GroupRewards(g.getPromptId(), g.getPromptType().isEmpty() ? null : g.getPromptType(),
                        g.getScoresList().stream().mapToDouble(Double::doubleValue).toArray(),
                        g.getRewardsList().stream().mapToDouble(Double::doubleValue).toArray()));
            }
            snapshots.add(new RewardSnapshot(s.getStep(), s.getEpoch(), groups));
        }
        return new TrainingHistory(epochs, snapshots, proto.getStopReason(), proto.getBestEpoch(), proto.getPolicy());
    }
}
