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

import org.rewardcollapse.model.TrainingHistory.EpochRecord;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The progress lines of training (epoch, loss, pairwise accuracy, speed, time left), logged through
 * {@code java.util.logging} under {@link RankingRewardTrainer#PROGRESS_LOGGER}, unless the thread trains
 * {@link #quietly}.
 */
public final class TrainingProgress {
    private static final Logger progress = Logger.getLogger(RankingRewardTrainer.PROGRESS_LOGGER);
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

    private TrainingProgress() {}

    /**
     * Runs work that trains without progress lines on this thread (model selection trains many models; their epochs
     * would drown the one that matters). Warnings are still logged.
     * @param work The work.
     * @param <T> Its result type.
     * @return Its result.
     */
    public static <T> T quietly(Supplier<T> work) {
        boolean before = QUIET.get();
        QUIET.set(true);
        try {
            return work.get();
        } finally {
            QUIET.set(before);
        }
    }

    /**
     * Is this thread training quietly?
     * @return True inside {@link #quietly}.
     */
    static boolean isQuiet() {
        return QUIET.get();
    }

    /**
     * Logs a progress line, unless this thread trains quietly.
     * @param line The line.
     */
    static void line(Supplier<String> line) {
        if (!isQuiet()) {
            progress.info(line);
        }
    }

    /**
     * An epoch's line.
     * @param r The epoch's record.
     * @param epochs The epochs asked for.
     * @param groupsPerSecond The epoch's speed.
     * @return E.g. {@code epoch 3/20: loss 0.5, pairwise accuracy 0.8, 12,000 groups/s, 0.3 s, about 2 s left}.
     */
    static String epoch(EpochRecord r, int epochs, double groupsPerSecond) {
        String validation = Double.isNaN(r.validationLoss()) ? "" : String.format(Locale.ROOT,
                ", validation loss %.6g, validation accuracy %.4f", r.validationLoss(), r.validationAccuracy());
        double left = r.seconds() / r.epoch() * (epochs - r.epoch());
        return String.format(Locale.ROOT, "epoch %d/%d: loss %.6g, pairwise accuracy %.4f%s, %,.0f groups/s, %.1f s%s",
                r.epoch(), epochs, r.loss(), r.pairwiseAccuracy(), validation, groupsPerSecond, r.seconds(),
                r.epoch() < epochs ? String.format(Locale.ROOT, ", about %.0f s left", Math.ceil(left)) : "");
    }
}
