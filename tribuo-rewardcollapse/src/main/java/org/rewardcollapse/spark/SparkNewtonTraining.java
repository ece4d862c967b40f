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

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.storage.StorageLevel;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.NewtonGroup;
import org.rewardcollapse.train.NewtonGroupSums;
import org.rewardcollapse.train.NewtonSums;
import org.rewardcollapse.train.RankingLoss;
import org.rewardcollapse.train.TrainingProgress;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Trains a linear reward model with {@link LinearSolver#NEWTON} on Spark: the prompt groups are cut into contiguous
 * partitions (a group is never split) held in executor memory, each Newton iteration's objective, gradient and
 * Hessian ({@link NewtonSums}) are summed over each partition's groups on the executors and combined in a tree, and
 * the driver solves the Newton step with {@link org.rewardcollapse.train.NewtonSolver} and makes the model: the same
 * {@link RewardModel} class, history, Tribuo file and ONNX export as {@code trainer.train(data)}, its provenance
 * recording the Spark run. Per iteration the executors send one sum of (d + 1)^2 doubles per partition; the data stay.
 * <p>
 * The tree has the shape of Spark's {@code treeAggregate} (a fan-in of ceil(P^(1/depth)), at least 2), but its merge
 * order is fixed: a node merges its children in partition order and the driver merges the last level in order.
 * {@code treeAggregate} itself merges in the order tasks finish, so its sums, and the weights, could differ in the
 * last bits from run to run. With as few partitions as need no tree level (P &lt;= 5 at depth 2) the sums are merged
 * exactly as a local training with {@code numThreads} = P merges its chunks, so the weights are bit-identical to it;
 * with another partition count they differ by the rounding of a different order of sums (about 1e-12 relative).
 * <p>
 * The training data are a Tribuo dataset on the driver, as for a local training: the driver groups and featurises
 * them and checks them against the objective; only the groups' sparse features, scores and utilities go to the
 * executors, once: they are kept there (memory, then disk) as a local checkpoint, so a task carries a partition's
 * index, not its groups, and the executors must stay for the training (a lost executor fails it; Spark does not
 * recompute a local checkpoint). A utility of the user's own class (not rebuilt from its spec) is refused.
 */
public final class SparkNewtonTraining {
    /** The default depth of the aggregation tree (that of Spark MLlib's {@code treeAggregate}). */
    public static final int DEFAULT_DEPTH = 2;

    private final JavaSparkContext context;
    private final int partitions;
    private final int depth;
    private volatile long lastSelectionJobs;
    private volatile long lastSelectionEvaluations;
    private volatile long lastEnsembleJobs;
    private volatile long lastEnsembleEvaluations;

    /**
     * Trains on a Spark context with the default tree depth.
     * @param context The context.
     * @param partitions The partitions the groups are cut into (fewer when there are fewer groups), &gt;= 1.
     */
    public SparkNewtonTraining(JavaSparkContext context, int partitions) {
        this(context, partitions, DEFAULT_DEPTH);
    }

    /**
     * Trains on a Spark context.
     * @param context The context.
     * @param partitions The partitions the groups are cut into (fewer when there are fewer groups), &gt;= 1.
     * @param depth The depth of the aggregation tree, &gt;= 1 (1: the driver merges every partition's sums).
     */
    public SparkNewtonTraining(JavaSparkContext context, int partitions, int depth) {
        if (context == null) {
            throw new IllegalArgumentException("a Spark context is needed");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, found " + partitions);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, found " + depth);
        }
        this.context = context;
        this.partitions = partitions;
        this.depth = depth;
    }

    /**
     * Trains a model, as {@code trainer.train(data)} does, with the groups summed on Spark.
     * @param trainer A linear trainer with {@link LinearSolver#NEWTON}.
     * @param data One example per response, prompt group (and type) in metadata.
     * @return The model.
     * @throws org.rewardcollapse.io.InvalidSettingException If the solver is not NEWTON (naming it) or another setting
     *                                                       is refused.
     * @throws IllegalArgumentException If the data has no ordered pair or does not fit the objective.
     */
    public RewardModel train(LinearRewardTrainer trainer, Dataset<Regressor> data) {
        return train(trainer, data, Map.of());
    }

    /**
     * Trains a model, as {@code trainer.train(data, runProvenance)} does, with the groups summed on Spark; the run
     * provenance also records {@code training-engine}, {@code spark-master}, {@code spark-partitions} and
     * {@code spark-tree-depth}.
     * @param trainer A linear trainer with {@link LinearSolver#NEWTON}.
     * @param data One example per response, prompt group (and type) in metadata.
     * @param runProvenance Run facts to record.
     * @return The model.
     */
    public RewardModel train(LinearRewardTrainer trainer, Dataset<Regressor> data,
                             Map<String, Provenance> runProvenance) {
        return trainer.train(data, runFacts(runProvenance), this::distribute);
    }

    /** The run provenance plus where it trained. */
    private Map<String, Provenance> runFacts(Map<String, Provenance> runProvenance) {
        Map<String, Provenance> run = new HashMap<>(runProvenance);
        run.put("training-engine", new StringProvenance("training-engine", "Apache Spark " + context.version()));
        run.put("spark-master", new StringProvenance("spark-master", context.master()));
        run.put("spark-partitions", new IntProvenance("spark-partitions", partitions));
        run.put("spark-tree-depth", new IntProvenance("spark-tree-depth", depth));
        return run;
    }

    /**
     * Chooses the L2 penalty by k-fold cross-validation over prompt groups exactly as the local
     * {@code train --solver newton --l2 auto} does ({@link L2Selection}: the same fold assignment, candidates tried in
     * increasing order, held-out pooled pairwise accuracy, the best mean winning and a tie going to the larger
     * penalty), a candidate's k folds trained on Spark together: the groups go to the executors once, tagged with the
     * folds they train, and the k Newton solves (one driver thread each) run in lock-step, one Spark job summing every
     * fold still solving at its own point (each partition adds a group to the sums of every fold it trains). Each
     * fold's groups are added in the data's order, as its local training adds them; with another partition count the
     * sums differ by rounding. Each fold's held-out accuracy is computed on the executors too, in one more job per
     * candidate (correct pairs over pairs of the fold's w . x + b on the groups it does not train).
     * @param trainer A linear trainer with {@link LinearSolver#NEWTON} (its own L2 is not used).
     * @param data One example per response, prompt group (and type) in metadata.
     * @param candidates The penalties to try, at least one.
     * @param folds The number of folds, &gt;= 2 and at most the number of prompt groups.
     * @param seed The seed of the fold split ({@code train}'s {@code --seed}).
     * @param promptIdKey The prompt-id metadata key.
     * @param promptTypeKey The prompt-type metadata key.
     * @return Every candidate's held-out accuracy and the chosen penalty.
     */
    public L2Selection.Result selectL2(LinearRewardTrainer trainer, Dataset<Regressor> data, List<Double> candidates,
                                       int folds, long seed, String promptIdKey, String promptTypeKey) {
        try (FoldedSums sums = new FoldedSums(context, partitions, depth, promptIds(data, promptIdKey), folds)) {
            L2Selection.Result result = L2Selection.select(trainer, data, candidates, folds, seed, promptIdKey,
                    promptTypeKey, new L2Selection.FoldTraining() {
                        @Override
                        public List<Model<Regressor>> train(List<Trainer<Regressor>> trainers,
                                                            List<Dataset<Regressor>> foldTrains) {
                            return trainFolds(sums, trainers, foldTrains);
                        }

                        @Override
                        public Optional<double[]> heldOutAccuracy(List<Model<Regressor>> models) {
                            double[][] points = new double[models.size()][];
                            for (int k = 0; k < points.length; k++) {
                                points[k] = Arrays.stream(((RewardModel) models.get(k)).network().layerWeights(0))
                                        .mapToDouble(row -> row[0]).toArray();
                            }
                            return Optional.of(sums.heldOutAccuracy(points));
                        }
                    });
            lastSelectionJobs = sums.jobs();
            lastSelectionEvaluations = sums.evaluations();
            return result;
        }
    }

    /**
     * The Spark jobs that summed the folds in the last {@link #selectL2}: per candidate, one per Newton iteration or
     * line-search step of its slowest fold.
     * @return The count.
     */
    public long lastSelectionJobs() {
        return lastSelectionJobs;
    }

    /**
     * The sums the folds asked for in the last {@link #selectL2}: the Spark jobs the folds would have run as separate
     * solves.
     * @return The count.
     */
    public long lastSelectionEvaluations() {
        return lastSelectionEvaluations;
    }

    /** A candidate's K folds, each trained on a driver thread of its own, their sums in shared Spark jobs. */
    private List<Model<Regressor>> trainFolds(FoldedSums sums, List<Trainer<Regressor>> trainers,
                                              List<Dataset<Regressor>> foldTrains) {
        return together(sums, foldTrains.size(), "newton-fold", fold -> ((LinearRewardTrainer) trainers.get(fold))
                .train(foldTrains.get(fold), runFacts(Map.of()), sums.forFold(fold)));
    }

    /** K trainings (folds or members), each on a driver thread of its own, their sums in shared Spark jobs. */
    private <M extends Model<Regressor>> List<M> together(FoldedSums sums, int k, String threadName,
                                                          IntFunction<M> training) {
        sums.begin();
        ExecutorService threads = Executors.newFixedThreadPool(k, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<M>> futures = new ArrayList<>(k);
            for (int f = 0; f < k; f++) {
                int fold = f;
                futures.add(threads.submit(() -> {
                    try {
                        return TrainingProgress.quietly(() -> training.apply(fold));
                    } finally {
                        sums.done(fold);
                    }
                }));
            }
            List<M> models = new ArrayList<>(k);
            RuntimeException failure = null;
            for (Future<M> future : futures) {
                try {
                    models.add(future.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the " + threadName + " trainings ran", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return models;
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Trains an ensemble of linear Newton members, as {@code ensemble.train(data)} does (the same bootstrap resamples
     * of the prompt groups drawn from the ensemble's seed, member invocations, {@link EnsembleRewardModel} and
     * provenance), the members trained on Spark together: the data's groups go to the executors once, each carrying
     * how many times each member drew it, and the M Newton solves (one driver thread each) run in lock-step, one Spark
     * job summing every member still solving at its own point (a group drawn twice adds twice to that member's sums).
     * A member's groups are added in the data's order, its local training adding them in the order drawn, so the
     * weights differ from the local ensemble's by rounding. The run provenance (the ensemble's and every member's) also
     * records where it trained, as {@link #train(LinearRewardTrainer, Dataset, Map)} records it. Every member's
     * resample is made on the driver before any trains, so M resamples are held there at once.
     * @param ensemble An ensemble whose member trainer is a {@link LinearRewardTrainer} with
     *                 {@link LinearSolver#NEWTON}, usually with bootstrap (without it every member trains on every
     *                 group, and Newton members are then alike).
     * @param data One example per response, prompt group (and type) in metadata.
     * @param promptIdKey The prompt-id metadata key (the member trainer's).
     * @param runProvenance Run facts to record.
     * @return The ensemble.
     * @throws IllegalArgumentException If the members are not linear Newton trainers, or the data has no ordered pair
     *                                  or does not fit the objective.
     */
    public EnsembleRewardModel trainEnsemble(EnsembleRewardTrainer ensemble, Dataset<Regressor> data,
                                             String promptIdKey, Map<String, Provenance> runProvenance) {
        if (!(ensemble.member() instanceof LinearRewardTrainer linear) || linear.solver() != LinearSolver.NEWTON) {
            throw new IllegalArgumentException("an ensemble trains on Spark with linear members solved by Newton's "
                    + "method (LinearRewardTrainer, solver NEWTON); found " + ensemble.member());
        }
        List<String> order = promptIds(data, promptIdKey);
        return ensemble.train(data, runFacts(runProvenance), (member, memberData, run, invocations) -> {
            List<Map<String, String>> sources = new ArrayList<>(memberData.size());
            for (Dataset<Regressor> drawn : memberData) {
                Map<String, String> source = new HashMap<>();
                for (Example<Regressor> example : drawn) {
                    example.getMetadataValue(promptIdKey).map(Object::toString).ifPresent(id -> source.put(id,
                            example.getMetadataValue(RankingMetadata.BOOTSTRAP_SOURCE_KEY).map(Object::toString)
                                    .orElse(id)));
                }
                sources.add(source);
            }
            try (FoldedSums sums = FoldedSums.weighted(context, partitions, depth, order, sources)) {
                List<RewardModel> members = together(sums, memberData.size(), "newton-member",
                        m -> linear.train(memberData.get(m), run, invocations[m], sums.forFold(m)));
                lastEnsembleJobs = sums.jobs();
                lastEnsembleEvaluations = sums.evaluations();
                return members;
            }
        });
    }

    /**
     * Trains an ensemble ({@link #trainEnsemble(EnsembleRewardTrainer, Dataset, String, Map)}) with the default
     * prompt-id key and no other run facts.
     * @param ensemble An ensemble of linear Newton members.
     * @param data One example per response, prompt group (and type) in metadata.
     * @return The ensemble.
     */
    public EnsembleRewardModel trainEnsemble(EnsembleRewardTrainer ensemble, Dataset<Regressor> data) {
        return trainEnsemble(ensemble, data, RankingMetadata.DEFAULT_PROMPT_ID_KEY, Map.of());
    }

    /**
     * The Spark jobs that summed the members in the last {@link #trainEnsemble}: one per Newton iteration or
     * line-search step of its slowest member.
     * @return The count.
     */
    public long lastEnsembleJobs() {
        return lastEnsembleJobs;
    }

    /**
     * The sums the members asked for in the last {@link #trainEnsemble}: the Spark jobs the members would have run as
     * separate solves.
     * @return The count.
     */
    public long lastEnsembleEvaluations() {
        return lastEnsembleEvaluations;
    }

    /** The data's prompt ids, in the order they first appear. */
    private static List<String> promptIds(Dataset<Regressor> data, String promptIdKey) {
        Set<String> order = new LinkedHashSet<>();
        for (Example<Regressor> example : data) {
            example.getMetadataValue(promptIdKey).map(Object::toString).ifPresent(order::add);
        }
        return List.copyOf(order);
    }

    /**
     * Chooses the L2 penalty ({@link #selectL2}) and trains the model with it on every group, as the local
     * {@code train --solver newton --l2 auto} does on its training groups; the run provenance also records
     * {@code l2-selection}.
     * @param trainer A linear trainer with {@link LinearSolver#NEWTON} (its own L2 is not used).
     * @param data One example per response, prompt group (and type) in metadata.
     * @param candidates The penalties to try, at least one.
     * @param folds The number of folds, &gt;= 2 and at most the number of prompt groups.
     * @param seed The seed of the fold split.
     * @param promptIdKey The prompt-id metadata key.
     * @param promptTypeKey The prompt-type metadata key.
     * @return The selection and the model trained with the chosen penalty.
     */
    public Selected trainWithSelectedL2(LinearRewardTrainer trainer, Dataset<Regressor> data, List<Double> candidates,
                                        int folds, long seed, String promptIdKey, String promptTypeKey) {
        L2Selection.Result selection = selectL2(trainer, data, candidates, folds, seed, promptIdKey, promptTypeKey);
        LinearRewardTrainer chosen = (LinearRewardTrainer) L2Selection.withL2(trainer, selection.chosen());
        String what = String.format(Locale.ROOT, "l2 %s chosen by %d-fold cross-validation over prompt groups "
                + "(seed %d) from %s", selection.chosen(), folds, seed, candidates);
        RewardModel model = train(chosen, data, Map.of("l2-selection", new StringProvenance("l2-selection", what)));
        return new Selected(selection, model);
    }

    /**
     * A model trained with a cross-validated L2 penalty.
     * @param selection The selection.
     * @param model The model trained on every group with the chosen penalty.
     */
    public record Selected(L2Selection.Result selection, RewardModel model) {}

    private NewtonGroupSums.Summation distribute(List<NewtonGroup> groups, int features, RankingLoss loss) {
        JavaRDD<NewtonGroup> rdd = context.parallelize(groups, Math.min(partitions, groups.size()))
                .setName("Newton training groups").persist(StorageLevel.MEMORY_AND_DISK());
        // A parallelized partition carries its groups in every task; once checkpointed a task carries its index only.
        rdd.rdd().localCheckpoint();
        if (rdd.count() != groups.size()) {
            throw new IllegalStateException("Spark holds " + rdd.count() + " of " + groups.size() + " groups");
        }
        return new NewtonGroupSums.Summation() {
            @Override
            public NewtonSums at(double[] point, boolean curvature) {
                return sum(rdd, features, loss, point, curvature, depth);
            }

            @Override
            public void close() {
                rdd.unpersist(false);
            }
        };
    }

    /**
     * The groups' sums at a point: each partition's groups in order on its executor, then a tree of the shape of
     * {@code treeAggregate}'s whose nodes merge their children in partition order, the last level merged in order
     * on the driver.
     * @param groups The groups, contiguous in partition order.
     * @param features The number of features d.
     * @param loss The loss.
     * @param point The weights, then the bias.
     * @param curvature Sum the Hessian too.
     * @param depth The depth of the tree, &gt;= 1.
     * @return The sums over every group.
     */
    static NewtonSums sum(JavaRDD<NewtonGroup> groups, int features, RankingLoss loss, double[] point,
                          boolean curvature, int depth) {
        JavaPairRDD<Integer, NewtonSums> level = JavaPairRDD.fromJavaRDD(groups.mapPartitionsWithIndex((index, part) -> {
            NewtonSums sums = new NewtonSums(features, curvature);
            while (part.hasNext()) {
                part.next().addTo(sums, loss, point);
            }
            return List.of(new Tuple2<>(index, sums)).iterator();
        }, true));
        return tree(level, depth, NewtonSums::merge);
    }

    /**
     * Merges every partition's value in a tree of the shape of {@code treeAggregate}'s whose nodes merge their
     * children in partition order, the last level merged in order on the driver.
     * @param level One value per partition, keyed by the partition's index.
     * @param depth The depth of the tree, &gt;= 1.
     * @param merge Merges the second value into the first and returns it.
     * @param <T> The values.
     * @return Their merge.
     */
    static <T> T tree(JavaPairRDD<Integer, T> level, int depth, Function2<T, T, T> merge) {
        int count = level.getNumPartitions();
        int scale = Math.max((int) Math.ceil(Math.pow(count, 1.0 / depth)), 2);
        while (count > scale + (count + scale - 1) / scale) {
            int fanIn = scale;
            count = (count + scale - 1) / scale;
            level = level.mapToPair(t -> new Tuple2<>(t._1() / fanIn, t))
                    .groupByKey(new HashPartitioner(count))
                    .mapValues(parts -> inOrder(parts, merge));
        }
        List<Tuple2<Integer, T>> last = new ArrayList<>(level.collect());
        return inOrder(last, merge);
    }

    /** Merges values in the order of their partition indices (the first is merged into). */
    private static <T> T inOrder(Iterable<Tuple2<Integer, T>> parts, Function2<T, T, T> merge) {
        List<Tuple2<Integer, T>> sorted = new ArrayList<>();
        parts.forEach(sorted::add);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        Iterator<Tuple2<Integer, T>> it = sorted.iterator();
        T total = it.next()._2();
        while (it.hasNext()) {
            try {
                total = merge.call(total, it.next()._2());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return total;
    }
}
