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
package org.rewardcollapse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingLoss;
import org.rewardcollapse.train.RankingObjective;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Training throughput: groups per second of one epoch of the MLP trainer (64 tanh units, bounded rewards,
 * {@code log-sigmoid:0.25}, 32 groups per minibatch, 2 gradient threads) against responses per group n (the all-pairs
 * loss is O(n^2) per group; the network's forward and backward passes O(n)), with the share of time the pair loss
 * takes; and against dataset size on the paper's benchmark, up to its 125,000 prompts (1,000,000 responses), with the
 * peak heap. Run with {@code MAVEN_OPTS=-Xmx4g} to check the largest size fits in 4 GiB.
 */
public final class TrainingScalingBenchmark {
    private static final int[] GROUP_SIZES = {2, 4, 8, 16, 32, 64};
    private static final int RESPONSES = 1 << 16;
    private static final int FEATURES = 2048;
    private static final int ACTIVE = 100;
    private static final int[] VOCABULARIES = {2048, 16384, 65536};
    private static final int VOCABULARY_RESPONSES = 1 << 15;
    private static final int[] PROMPTS = {1024, 8192, 32768, 125000};

    /** Held so that the level set on it stays: the epochs' progress lines would bury the tables. */
    private static final Logger PROGRESS = Logger.getLogger(RankingRewardTrainer.PROGRESS_LOGGER);

    private TrainingScalingBenchmark() {}

    /**
     * Runs the benchmark.
     * @param args Optional output path (default {@code bench-scaling.json}).
     * @throws Exception If a run fails.
     */
    public static void main(String[] args) throws Exception {
        Measure.write(run(), Path.of(args.length > 0 ? args[0] : "bench-scaling.json"));
    }

    /**
     * Runs the benchmark and prints its tables.
     * @return The results.
     * @throws Exception If a run fails.
     */
    static ObjectNode run() throws Exception {
        PROGRESS.setLevel(Level.WARNING);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        ArrayNode bySize = root.putArray("by_group_size");
        System.out.printf(Locale.ROOT, "Training throughput against responses per group: %d responses of %d active "
                + "features in %d, one epoch, median of 3 (%s)%n", RESPONSES, ACTIVE, FEATURES, root.get("machine").asText());
        System.out.printf(Locale.ROOT, "%6s %8s %10s %12s %14s %14s %10s %18s%n", "n", "groups", "groups/s",
                "responses/s", "pairs/s", "pair-loss s", "loss share", "lazy Adam resp/s");
        for (int n : GROUP_SIZES) {
            MutableDataset<Regressor> data = randomGroups(RESPONSES / n, n, FEATURES, 11L);
            MlpRewardTrainer trainer = trainer(1, false);
            MlpRewardTrainer lazyTrainer = trainer(1, true);
            double seconds = Measure.medianSeconds(() -> trainer.train(data), 1, 3);
            double lazySeconds = Measure.medianSeconds(() -> lazyTrainer.train(data), 1, 3);
            RankingGroups groups = RankingGroups.of(data);
            double lossSeconds = Measure.medianSeconds(() -> pairLoss(groups), 1, 3);
            int numGroups = groups.size();
            System.out.printf(Locale.ROOT, "%6d %8d %10.0f %12.0f %14.0f %14.3f %9.1f%% %18.0f%n", n, numGroups,
                    numGroups / seconds, RESPONSES / seconds, groups.numPairs() / seconds, lossSeconds,
                    100 * lossSeconds / seconds, RESPONSES / lazySeconds);
            ObjectNode row = bySize.addObject();
            row.put("n", n);
            row.put("groups", numGroups);
            row.put("epoch_seconds", seconds);
            row.put("groups_per_second", numGroups / seconds);
            row.put("pairs_per_second", groups.numPairs() / seconds);
            row.put("pair_loss_seconds", lossSeconds);
            row.put("lazy_adam_epoch_seconds", lazySeconds);
        }
        ArrayNode byVocabulary = root.putArray("lazy_adam_by_vocabulary");
        System.out.printf(Locale.ROOT, "%nDense against lazy Adam at n = 2 against the number of features (%d responses "
                + "of %d active features, one epoch, median of 3):%n", VOCABULARY_RESPONSES, ACTIVE);
        System.out.printf(Locale.ROOT, "%10s %14s %14s %14s %8s%n", "features", "rows touched", "Adam resp/s",
                "lazy resp/s", "ratio");
        for (int numFeatures : VOCABULARIES) {
            MutableDataset<Regressor> data = randomGroups(VOCABULARY_RESPONSES / 2, 2, numFeatures, 13L);
            MlpRewardTrainer dense = trainer(1, false);
            MlpRewardTrainer lazy = trainer(1, true);
            double denseSeconds = Measure.medianSeconds(() -> dense.train(data), 1, 3);
            double lazySeconds = Measure.medianSeconds(() -> lazy.train(data), 1, 3);
            // expected share of first-layer rows a minibatch of 32 groups (64 responses x ACTIVE draws) touches
            double touched = 1.0 - Math.pow(1.0 - 1.0 / numFeatures, 64.0 * ACTIVE);
            System.out.printf(Locale.ROOT, "%10d %13.1f%% %14.0f %14.0f %7.2fx%n", numFeatures, 100 * touched,
                    VOCABULARY_RESPONSES / denseSeconds, VOCABULARY_RESPONSES / lazySeconds, denseSeconds / lazySeconds);
            byVocabulary.addObject().put("features", numFeatures).put("rows_touched_share", touched)
                    .put("adam_epoch_seconds", denseSeconds).put("lazy_adam_epoch_seconds", lazySeconds)
                    .put("responses", VOCABULARY_RESPONSES);
        }
        ArrayNode byData = root.putArray("by_dataset_size");
        System.out.printf(Locale.ROOT, "%nTraining throughput against dataset size, the paper's benchmark (n = 8, default "
                + "featuriser), one epoch; max heap %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "%9s %10s %10s %10s %12s %12s%n", "prompts", "responses", "load s", "epoch s",
                "groups/s", "peak heap MiB");
        for (int prompts : PROMPTS) {
            System.gc();
            Measure.resetPeakHeap();
            long start = System.nanoTime();
            MutableDataset<Regressor> data = new MutableDataset<>(new SyntheticRankingSource(prompts, 0.5, 3L,
                    ResponseFeaturizer.defaults()));
            double load = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            trainer(1, false).train(data);
            double epoch = (System.nanoTime() - start) / 1e9;
            long heap = Measure.peakHeap();
            System.out.printf(Locale.ROOT, "%9d %10d %10.1f %10.1f %12.0f %12d%n", prompts, data.size(), load, epoch,
                    prompts / epoch, heap >> 20);
            ObjectNode row = byData.addObject();
            row.put("prompts", prompts);
            row.put("responses", data.size());
            row.put("load_seconds", load);
            row.put("epoch_seconds", epoch);
            row.put("groups_per_second", prompts / epoch);
            row.put("peak_heap_bytes", heap);
        }
        return root;
    }

    private static MlpRewardTrainer trainer(int epochs, boolean lazy) {
        return MlpRewardTrainer.builder().hiddenSizes(64).activation(Activation.TANH)
                .objective(RankingObjective.of("log-sigmoid:0.25", true))
                .optimiser(lazy ? Adam.lazy(0.01) : new Adam(0.01)).epochs(epochs).minibatchSize(32)
                .numThreads(2).build();
    }

    /** The ranking loss and its gradient over every group at fixed rewards: the O(n^2) part of an epoch. */
    private static void pairLoss(RankingGroups groups) {
        RankingLoss loss = new RankingLoss(0.0, 0.5);
        Utility u = Utilities.parseForTraining("log-sigmoid:0.25");
        SplittableRandom random = new SplittableRandom(5);
        double sink = 0.0;
        for (RankingGroup group : groups) {
            double[] rewards = random.doubles(group.size()).toArray();
            double[] gradient = new double[group.size()];
            sink += loss.lossAndGradient(group, u, rewards, gradient);
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("NaN loss");
        }
    }

    private static MutableDataset<Regressor> randomGroups(int groups, int n, int numFeatures, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("random groups", factory),
                factory);
        String[] names = new String[numFeatures];
        for (int f = 0; f < numFeatures; f++) {
            names[f] = "f" + f;
        }
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < n; i++) {
                List<Feature> features = new ArrayList<>(ACTIVE);
                for (int a = 0; a < ACTIVE; a++) {
                    features.add(new Feature(names[random.nextInt(numFeatures)], random.nextDouble()));
                }
                data.add(RankingMetadata.example("g" + g, null, i, features, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                        RankingMetadata.DEFAULT_PROMPT_TYPE_KEY));
            }
        }
        return data;
    }
}
