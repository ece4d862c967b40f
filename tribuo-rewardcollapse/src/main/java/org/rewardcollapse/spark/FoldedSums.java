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
package org.rewardcollapse.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.rewardcollapse.train.NewtonGroup;
import org.rewardcollapse.train.NewtonGroupSums;
import org.rewardcollapse.train.NewtonSums;
import org.rewardcollapse.train.RankingLoss;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sums of the K folds of a cross-validation, trained at once: every prompt group goes to the executors once (for
 * every candidate), tagged with the folds whose training groups it is in, and the K Newton solves, each on its own
 * driver thread, run in lock-step: when every fold still solving has asked for its sums at its own point, one Spark job
 * sums, on every partition, each fold's training groups at that fold's point (a group adds to the sums of every fold
 * it trains), and merges the K sums in the fixed-order tree of {@link SparkNewtonTraining#sum}. So one Spark job per
 * Newton iteration (and one per line search) serves all K folds. A fold's groups are added in the data's order, as
 * its local training adds them.
 * <p>
 * The K solves may also be an ensemble's members, each on a bootstrap resample of the prompt groups: then a group
 * carries, for every member, how many times the member drew it, and adds to a member's sums that many times (a
 * resample's group drawn twice counts twice, as in the member's local training, which adds the copies where they were
 * drawn rather than together in the data's order: the sums differ by rounding).
 */
final class FoldedSums implements AutoCloseable {
    /** The most folds summed together (a group's folds are a bit mask in a long). */
    static final int MAX_FOLDS = 63;
    /**
     * A group and the folds it trains (bit f: in fold f's training groups), or, with counts, how many times each
     * member adds it (the folds then unused).
     */
    record Tagged(NewtonGroup group, long folds, int[] counts) implements Serializable {
        /** How many times fold (or member) f adds the group: 0 or 1 for a fold. */
        int times(int f) {
            return counts != null ? counts[f] : (int) ((folds >>> f) & 1L);
        }
    }

    private record Request(int fold, double[] point, boolean curvature, RankingLoss loss) {}

    private final JavaSparkContext context;
    private final int partitions;
    private final int depth;
    private final List<String> order;
    private final int folds;
    /** Per member, its groups' prompt ids to the ids of the data's groups they were drawn from; null for folds. */
    private final List<Map<String, String>> sources;

    private JavaRDD<Tagged> rdd;
    private int features = -1;
    private Map<String, Long> masks = new HashMap<>();
    private Map<String, int[]> counts = new HashMap<>();
    private Map<String, NewtonGroup> first = new HashMap<>();
    private int registered;
    private int alive;
    private final Map<Integer, Request> pending = new LinkedHashMap<>();
    private final Map<Integer, Object> answers = new HashMap<>();
    private long jobs;
    private RankingLoss loss;
    private long evaluations;

    /**
     * Sums for K folds.
     * @param context The context.
     * @param partitions The partitions.
     * @param depth The tree depth.
     * @param order Every prompt id, in the data's order (the order the groups are added in).
     * @param folds K, at most 63.
     */
    FoldedSums(JavaSparkContext context, int partitions, int depth, List<String> order, int folds) {
        this(context, partitions, depth, order, folds, null);
        if (folds > MAX_FOLDS) {
            throw new IllegalArgumentException("at most " + MAX_FOLDS + " folds are summed together, found " + folds);
        }
    }

    /**
     * Sums for an ensemble's members on bootstrap resamples: a member adds a group as many times as it drew it.
     * @param context The context.
     * @param partitions The partitions.
     * @param depth The tree depth.
     * @param order Every prompt id of the data, in the data's order (the order the groups are added in).
     * @param sources Per member, in member order, the prompt ids of its groups to those of the data's groups they
     *                were drawn from.
     * @return The sums; {@link #heldOutAccuracy} does not apply.
     */
    static FoldedSums weighted(JavaSparkContext context, int partitions, int depth, List<String> order,
                               List<Map<String, String>> sources) {
        return new FoldedSums(context, partitions, depth, order, sources.size(), List.copyOf(sources));
    }

    private FoldedSums(JavaSparkContext context, int partitions, int depth, List<String> order, int folds,
                       List<Map<String, String>> sources) {
        this.context = context;
        this.partitions = partitions;
        this.depth = depth;
        this.order = order;
        this.folds = folds;
        this.sources = sources;
    }

    /** Starts a round: the K folds of one candidate, each about to train on its own thread. */
    synchronized void begin() {
        registered = 0;
        alive = folds;
        pending.clear();
        answers.clear();
    }

    /**
     * Fold f's sums, for its training ({@code trainer.train(foldTrain, run, forFold(f))}).
     * @param fold The fold.
     * @return Its sums.
     */
    NewtonGroupSums forFold(int fold) {
        return (groups, d, loss) -> {
            register(fold, groups, d, loss);
            return new NewtonGroupSums.Summation() {
                @Override
                public NewtonSums at(double[] point, boolean curvature) {
                    return ask(new Request(fold, point.clone(), curvature, loss));
                }

                @Override
                public void close() {
                    // The groups stay on the executors for the other folds and candidates; released by FoldedSums.
                }
            };
        };
    }

    /**
     * Each fold's pooled pairwise accuracy (ties 1/2) on its held-out groups (those it does not train on) at its
     * weights, in one Spark job: {@link NewtonSums#correctPairs} over {@link NewtonSums#pairs}.
     * @param points Each fold's weights, then bias, in fold order.
     * @return The accuracies, in fold order (NaN for a fold without a held-out pair).
     */
    synchronized double[] heldOutAccuracy(double[][] points) {
        if (sources != null) {
            throw new IllegalStateException("an ensemble's members hold out no groups");
        }
        int n = points.length;
        int d = features;
        RankingLoss loss = this.loss;
        double[] counts = rdd.map(t -> {
            double[] c = new double[2 * n];
            for (int k = 0; k < n; k++) {
                if ((t.folds() & (1L << k)) == 0) {
                    NewtonSums sums = new NewtonSums(d, false);
                    t.group().addTo(sums, loss, points[k]);
                    c[2 * k] += sums.correctPairs();
                    c[2 * k + 1] += sums.pairs();
                }
            }
            return c;
        }).reduce((a, b) -> {
            double[] c = new double[a.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = a[i] + b[i]; // counts of halves: exact in any order
            }
            return c;
        });
        jobs++;
        double[] accuracy = new double[n];
        for (int k = 0; k < n; k++) {
            accuracy[k] = counts[2 * k + 1] == 0 ? Double.NaN : counts[2 * k] / counts[2 * k + 1];
        }
        return accuracy;
    }

    /** Fold f's training ended (returned or failed): the others no longer wait for it. */
    synchronized void done(int fold) {
        alive--;
        pending.remove(fold);
        notifyAll();
        if (alive > 0 && rdd != null && pending.size() == alive) {
            run();
        }
    }

    /**
     * The Spark jobs run so far.
     * @return The count.
     */
    synchronized long jobs() {
        return jobs;
    }

    /**
     * The folds' evaluations (sums at a point) served so far: what as many separate solves would run as Spark jobs.
     * @return The count.
     */
    synchronized long evaluations() {
        return evaluations;
    }

    private synchronized void register(int fold, List<NewtonGroup> groups, int d, RankingLoss loss) {
        this.loss = loss;
        if (rdd == null) {
            if (features >= 0 && features != d) {
                throw new IllegalStateException("the folds have " + features + " and " + d + " features");
            }
            features = d;
            for (NewtonGroup g : groups) {
                if (sources == null) {
                    masks.merge(g.promptId(), 1L << fold, (a, b) -> a | b);
                    first.putIfAbsent(g.promptId(), g);
                } else {
                    String id = sources.get(fold).get(g.promptId());
                    if (id == null) {
                        throw new IllegalStateException("member " + fold + "'s group '" + g.promptId() + "' was drawn "
                                + "from none of the data's groups");
                    }
                    counts.computeIfAbsent(id, k -> new int[folds])[fold]++;
                    first.putIfAbsent(id, g);
                }
            }
        } else if (d != features) {
            throw new IllegalStateException("the folds have " + features + " and " + d + " features");
        }
        registered++;
        notifyAll();
        while (rdd == null && registered < alive) {
            waitQuietly();
        }
        if (rdd == null) {
            List<Tagged> tagged = new ArrayList<>();
            for (String id : order) {
                if (first.containsKey(id)) {
                    tagged.add(sources == null ? new Tagged(first.get(id), masks.get(id), null)
                            : new Tagged(first.get(id), 0L, counts.get(id)));
                }
            }
            if (tagged.size() != first.size()) {
                throw new IllegalStateException("only " + tagged.size() + " of the " + first.size() + " groups trained "
                        + "are among the data's prompt groups");
            }
            JavaRDD<Tagged> held = context.parallelize(tagged, Math.max(1, Math.min(partitions, tagged.size())))
                    .setName("Newton training groups of every fold").persist(StorageLevel.MEMORY_AND_DISK());
            held.rdd().localCheckpoint();
            held.count();
            rdd = held;
            first = null;
            notifyAll();
        }
    }

    private synchronized NewtonSums ask(Request request) {
        pending.put(request.fold(), request);
        if (pending.size() == alive) {
            run();
        }
        while (!answers.containsKey(request.fold())) {
            waitQuietly();
        }
        Object answer = answers.remove(request.fold());
        if (answer instanceof RuntimeException e) {
            throw e;
        }
        return (NewtonSums) answer;
    }

    /** One Spark job for every pending request; the answers go to their folds. */
    private void run() {
        List<Request> requests = new ArrayList<>(pending.values());
        pending.clear();
        evaluations += requests.size();
        int n = requests.size();
        int[] fold = new int[n];
        double[][] points = new double[n][];
        boolean[] curvature = new boolean[n];
        RankingLoss[] losses = new RankingLoss[n];
        for (int r = 0; r < n; r++) {
            fold[r] = requests.get(r).fold();
            points[r] = requests.get(r).point();
            curvature[r] = requests.get(r).curvature();
            losses[r] = requests.get(r).loss();
        }
        try {
            NewtonSums[] sums = sum(rdd, features, fold, points, curvature, losses, depth);
            jobs++;
            for (int r = 0; r < n; r++) {
                answers.put(fold[r], sums[r]);
            }
        } catch (RuntimeException e) {
            for (int r = 0; r < n; r++) {
                answers.put(fold[r], e);
            }
        }
        notifyAll();
    }

    /** Each request's sums over its fold's training groups at its point, merged as {@link SparkNewtonTraining#sum}. */
    static NewtonSums[] sum(JavaRDD<Tagged> groups, int features, int[] fold, double[][] points, boolean[] curvature,
                            RankingLoss[] losses, int depth) {
        JavaPairRDD<Integer, NewtonSums[]> level = JavaPairRDD.fromJavaRDD(groups.mapPartitionsWithIndex(
                (index, part) -> {
                    NewtonSums[] sums = new NewtonSums[fold.length];
                    for (int r = 0; r < sums.length; r++) {
                        sums[r] = new NewtonSums(features, curvature[r]);
                    }
                    while (part.hasNext()) {
                        Tagged t = part.next();
                        for (int r = 0; r < sums.length; r++) {
                            for (int times = t.times(fold[r]); times > 0; times--) {
                                t.group().addTo(sums[r], losses[r], points[r]);
                            }
                        }
                    }
                    return List.of(new Tuple2<>(index, sums)).iterator();
                }, true));
        return SparkNewtonTraining.tree(level, depth, FoldedSums::mergeAll);
    }

    private static NewtonSums[] mergeAll(NewtonSums[] into, NewtonSums[] other) {
        for (int r = 0; r < into.length; r++) {
            into[r].merge(other[r]);
        }
        return into;
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the folds were summed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (rdd != null) {
            rdd.unpersist(false);
        }
    }
}
