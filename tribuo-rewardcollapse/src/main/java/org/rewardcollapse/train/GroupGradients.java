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
import org.rewardcollapse.model.RewardHead;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.policy.UtilityAssignment;
import org.tribuo.math.la.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Computes the ranking loss and its gradient over a minibatch of whole prompt groups, on one or more threads.
 * <p>
 * A batch is cut into one contiguous chunk per thread; each chunk accumulates into its own gradient and the chunks
 * are summed in chunk order, so results are bit-identical for a given thread count, however the threads are
 * scheduled.
 */
final class GroupGradients implements AutoCloseable {
    /**
     * The outcome of a batch or an evaluation.
     *
     * @param gradient The negative mean gradient over the batch's groups (null for an evaluation).
     * @param loss The summed loss of the groups.
     * @param correct The summed correctly ordered pairs (ties 1/2).
     * @param pairs The number of ordered pairs.
     */
    record Result(Tensor[] gradient, double loss, double correct, long pairs, TouchedRows touched) {}

    private final TrainableNetwork network;
    private final RewardHead head;
    private final RankingLoss loss;
    private final SparseFeatures[] features;
    private final List<RankingGroup> groups;
    private final UtilityAssignment utilities;
    private final Tensor[][] accumulators;
    private final TouchedRows[] touched;
    private final boolean[] dirty;
    private final ExecutorService pool;
    private final BatchPenalty penalty;

    /**
     * Creates the engine.
     * @param network The network being trained (read at each call).
     * @param head The reward head (only its boundedness is used).
     * @param loss The loss.
     * @param features The features of every example, by example index.
     * @param groups All groups.
     * @param utilities The utility of every group.
     * @param threads The number of threads, &gt;= 1.
     * @param penalty The penalty on each batch ({@link BatchPenalty#NONE} for the paper's objective).
     */
    GroupGradients(TrainableNetwork network, RewardHead head, RankingLoss loss, SparseFeatures[] features,
                   List<RankingGroup> groups, UtilityAssignment utilities, int threads, BatchPenalty penalty) {
        this.penalty = penalty;
        this.network = network;
        this.head = head;
        this.loss = loss;
        this.features = features;
        this.groups = groups;
        this.utilities = utilities;
        this.accumulators = new Tensor[threads][];
        this.touched = new TouchedRows[threads];
        for (int t = 0; t < threads; t++) {
            accumulators[t] = network.getEmptyCopy();
            touched[t] = new TouchedRows(network.inputs());
        }
        this.dirty = new boolean[threads];
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "rewardcollapse-gradients");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * The loss and negative mean gradient of a batch.
     * @param order Group indices.
     * @param from The batch's first position in {@code order}.
     * @param to One past its last position.
     * @return The result; its gradient tensors are reused by the next call.
     */
    Result batch(int[] order, int from, int to) {
        double scale = 1.0 / (to - from);
        double batchPenalty = penalty.prepare(network, groups, order, from, to);
        double[][] partial = run(order, from, to, true, scale);
        // the loss is summed over groups and later averaged: the batch's penalty counts once in that mean
        partial[0][0] += batchPenalty * (to - from);
        Tensor[] gradient = accumulators[0];
        for (int t = 1; t < partial.length; t++) {
            Tensors.add(gradient, accumulators[t], touched[t]);
            touched[0].addAll(touched[t]);
        }
        return sum(gradient, partial, touched[0]);
    }

    /**
     * Says that the last batch's gradient tensors were written beyond the rows it touched (an L2 gradient, a dense
     * optimiser step that wrote its update into them), so the next batch clears them whole.
     */
    void writtenEverywhere() {
        java.util.Arrays.fill(dirty, true);
    }

    /**
     * The loss and accuracy of groups at the current weights, without gradients.
     * @param order Group indices.
     * @return The result.
     */
    Result evaluate(int[] order) {
        return sum(null, run(order, 0, order.length, false, 0.0), null);
    }

    /**
     * The rewards of a group before normalisation, in group order.
     * @param group The group.
     * @return The rewards.
     */
    double[] rewards(RankingGroup group) {
        double[] r = new double[group.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = head.rawReward(network.logit(judged(group.exampleIndex(k))));
        }
        return r;
    }

    /** What evaluations and snapshots judge: the features the model will score by. */
    private SparseFeatures judged(int example) {
        return penalty.judged(example, features[example]);
    }

    private static Result sum(Tensor[] gradient, double[][] partial, TouchedRows rows) {
        double total = 0.0;
        double correct = 0.0;
        long pairs = 0;
        for (double[] p : partial) {
            total += p[0];
            correct += p[1];
            pairs += (long) p[2];
        }
        return new Result(gradient, total, correct, pairs, rows);
    }

    private double[][] run(int[] order, int from, int to, boolean gradients, double scale) {
        int chunks = Math.max(1, Math.min(accumulators.length, to - from));
        double[][] partial = new double[chunks][];
        List<Future<double[]>> futures = new ArrayList<>(chunks - 1);
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            futures.add(pool.submit(() -> chunk(order, bound(from, to, chunks, chunk), bound(from, to, chunks, chunk + 1),
                    gradients ? accumulators[chunk] : null, touched[chunk], scale)));
        }
        partial[0] = chunk(order, from, bound(from, to, chunks, 1), gradients ? accumulators[0] : null, touched[0],
                scale);
        try {
            for (int c = 1; c < chunks; c++) {
                partial[c] = futures.get(c - 1).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing gradients", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return partial;
    }

    private static int bound(int from, int to, int chunks, int c) {
        return from + (int) ((long) (to - from) * c / chunks);
    }

    private double[] chunk(int[] order, int from, int to, Tensor[] gradient, TouchedRows rows, double scale) {
        if (gradient != null) {
            // Only the first-layer rows the last batch touched hold anything, unless the tensors were written everywhere
            // since (an L2 gradient, a dense optimiser step): then all of them are cleared.
            int t = java.util.Arrays.asList(accumulators).indexOf(gradient);
            Tensors.zero(gradient, dirty[t] ? null : rows);
            dirty[t] = false;
            rows.clear();
        }
        double total = 0.0;
        double correct = 0.0;
        long pairs = 0;
        for (int p = from; p < to; p++) {
            int g = order[p];
            RankingGroup group = groups.get(g);
            int n = group.size();
            TrainableNetwork.Activations[] activations = new TrainableNetwork.Activations[n];
            double[] rewards = new double[n];
            for (int k = 0; k < n; k++) {
                activations[k] = network.forward(gradient != null ? features[group.exampleIndex(k)]
                        : judged(group.exampleIndex(k)));
                rewards[k] = head.rawReward(activations[k].logit());
            }
            double[] slope = new double[n];
            total += loss.lossAndGradient(group, utilities.utility(g), rewards, slope);
            correct += RankingLoss.correctPairs(group, rewards);
            pairs += group.numPairs();
            if (gradient != null) {
                for (int k = 0; k < n; k++) {
                    rows.mark(features[group.exampleIndex(k)]);
                    double dLogit = head.bounded() ? slope[k] * rewards[k] * (1.0 - rewards[k]) : slope[k];
                    network.backward(features[group.exampleIndex(k)], activations[k], -dLogit * scale, gradient);
                    penalty.backward(network, group.exampleIndex(k), gradient);
                }
            }
        }
        return new double[]{total, correct, pairs};
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
