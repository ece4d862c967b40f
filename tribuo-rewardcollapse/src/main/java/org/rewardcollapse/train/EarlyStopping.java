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

import java.util.Locale;

/**
 * Keeps the weights of the epoch with the lowest validation loss and says when to stop: after {@code patience}
 * epochs without a lower one (patience 0, or no validation groups: never, and nothing is kept).
 */
final class EarlyStopping {
    private final int patience;
    private TrainableNetwork best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private String stopped;

    /**
     * Starts watching.
     * @param patience Epochs without improvement before stopping; 0 (as when there are no validation groups) to never
     *                 stop or keep.
     */
    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /**
     * Records an epoch's validation loss.
     * @param epoch The epoch, from 1.
     * @param validationLoss Its validation loss.
     * @param network The weights at its end.
     * @return True when training should stop now.
     */
    boolean stopAfter(int epoch, double validationLoss, TrainableNetwork network) {
        if (patience == 0) {
            return false;
        }
        if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            best = network.copy();
            return false;
        }
        if (epoch - bestEpoch >= patience) {
            stopped = String.format(Locale.ROOT, "early stopping after epoch %d: validation loss did not improve for "
                    + "%d epochs; kept epoch %d (validation loss %.6g)", epoch, patience, bestEpoch, bestLoss);
            return true;
        }
        return false;
    }

    /**
     * Puts the best epoch's weights back, if any were kept.
     * @param network The network to restore.
     * @param epochsRun The epochs run.
     * @return The epoch whose weights the network now holds.
     */
    int restoreBest(TrainableNetwork network, int epochsRun) {
        if (best == null) {
            return epochsRun;
        }
        network.set(best.get());
        return bestEpoch;
    }

    /**
     * Were the last epoch's weights replaced by an earlier epoch's?
     * @return True when a best epoch was kept.
     */
    boolean keptEarlierWeights() {
        return best != null;
    }

    /**
     * Why training ended.
     * @param epochs The epochs asked for.
     * @return The reason, naming the kept epoch.
     */
    String stopReason(int epochs) {
        if (stopped != null) {
            return stopped;
        }
        String completed = "completed " + epochs + " epochs";
        return best == null ? completed : completed + String.format(Locale.ROOT, "; kept epoch %d (validation loss "
                + "%.6g)", bestEpoch, bestLoss);
    }
}
