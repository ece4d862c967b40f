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
package org.rewardcollapse.data;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Output;
import org.tribuo.dataset.DatasetView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Splits a dataset by prompt group, never inside one: Tribuo's {@code TrainTestSplitter} and
 * {@code KFoldSplitter} split per example and so leak a prompt's responses across the split.
 * <p>
 * The groups (in order of first appearance) are shuffled with a {@link SplittableRandom} seeded by the
 * caller, so a split is a pure function of the data's group order and the seed. Every view keeps the
 * dataset's example order and records its indices in its provenance.
 */
public final class GroupSplitter {

    /**
     * A train/test pair of views.
     * @param train The training view.
     * @param test The test view.
     * @param <T> The output type.
     */
    public record Split<T extends Output<T>>(DatasetView<T> train, DatasetView<T> test) {}

    private GroupSplitter() {}

    /**
     * Splits into train and test by prompt group, with the default prompt-id key.
     * @param data The dataset.
     * @param trainFraction The fraction of groups for training, in (0, 1).
     * @param seed The seed.
     * @param <T> The output type.
     * @return The split.
     */
    public static <T extends Output<T>> Split<T> trainTest(Dataset<T> data, double trainFraction, long seed) {
        return trainTest(data, trainFraction, seed, RankingMetadata.DEFAULT_PROMPT_ID_KEY);
    }

    /**
     * Splits into train and test by prompt group. Both sides get at least one group.
     * @param data The dataset.
     * @param trainFraction The fraction of groups for training (rounded to whole groups), in (0, 1).
     * @param seed The seed.
     * @param promptIdKey The metadata key of the prompt id.
     * @param <T> The output type.
     * @return The split.
     */
    public static <T extends Output<T>> Split<T> trainTest(Dataset<T> data, double trainFraction, long seed,
                                                           String promptIdKey) {
        if (!(trainFraction > 0.0 && trainFraction < 1.0)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), found " + trainFraction);
        }
        List<int[]> groups = shuffledGroups(data, seed, promptIdKey, 2);
        int numTrain = (int) Math.round(trainFraction * groups.size());
        numTrain = Math.max(1, Math.min(groups.size() - 1, numTrain));
        String tag = "group-split(seed=" + seed + ",train-fraction=" + trainFraction + ")";
        return new Split<>(view(data, groups.subList(0, numTrain), tag + ":train"),
                view(data, groups.subList(numTrain, groups.size()), tag + ":test"));
    }

    /**
     * Splits into k folds by prompt group: fold i's test view holds every k-th shuffled group starting at i,
     * its train view all the others.
     * @param data The dataset.
     * @param k The number of folds, at least 2 and at most the number of groups.
     * @param seed The seed.
     * @param promptIdKey The metadata key of the prompt id.
     * @param <T> The output type.
     * @return The k splits.
     */
    public static <T extends Output<T>> List<Split<T>> kFold(Dataset<T> data, int k, long seed, String promptIdKey) {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, found " + k);
        }
        List<int[]> groups = shuffledGroups(data, seed, promptIdKey, k);
        List<Split<T>> folds = new ArrayList<>(k);
        for (int fold = 0; fold < k; fold++) {
            List<int[]> train = new ArrayList<>();
            List<int[]> test = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                (g % k == fold ? test : train).add(groups.get(g));
            }
            String tag = "group-kfold(seed=" + seed + ",k=" + k + ",fold=" + fold + ")";
            folds.add(new Split<>(view(data, train, tag + ":train"), view(data, test, tag + ":test")));
        }
        return folds;
    }

    private static <T extends Output<T>> List<int[]> shuffledGroups(Dataset<T> data, long seed, String promptIdKey,
                                                                   int minGroups) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        int index = 0;
        for (Example<T> example : data) {
            int current = index++;
            String id = example.getMetadataValue(promptIdKey).map(Object::toString).orElseThrow(() ->
                    new IllegalArgumentException("example " + current + " has no '" + promptIdKey + "' metadata"));
            members.computeIfAbsent(id, key -> new ArrayList<>()).add(current);
        }
        if (members.size() < minGroups) {
            throw new IllegalArgumentException("need at least " + minGroups + " prompt groups to split, found " + members.size());
        }
        List<int[]> groups = new ArrayList<>(members.size());
        for (List<Integer> indices : members.values()) {
            groups.add(indices.stream().mapToInt(Integer::intValue).toArray());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = groups.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int[] tmp = groups.get(i);
            groups.set(i, groups.get(j));
            groups.set(j, tmp);
        }
        return groups;
    }

    private static <T extends Output<T>> DatasetView<T> view(Dataset<T> data, List<int[]> groups, String tag) {
        int[] indices = groups.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        DatasetView<T> view = new DatasetView<>(data, indices, tag);
        view.setStoreIndices(true);
        return view;
    }
}
