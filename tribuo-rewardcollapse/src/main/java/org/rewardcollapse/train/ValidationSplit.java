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

import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.data.RankingMetadata;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Which prompt groups a training run learns from, which it holds out for validation (and early stopping), and which
 * it snapshots: a seeded shuffle of the groups, with the bootstrap copies of one prompt kept on one side.
 *
 * @param train The training groups, ascending.
 * @param validation The validation groups, ascending (empty without validation).
 * @param snapshots The groups whose rewards snapshots record (validation groups if any, else training groups).
 */
record ValidationSplit(int[] train, int[] validation, int[] snapshots) {
    /**
     * Splits the groups. The random numbers are drawn in a fixed order (the groups' shuffle, then the snapshot pool's),
     * so a seed gives the same split every time.
     * @param groups The groups.
     * @param examples The examples (their metadata marks bootstrap copies).
     * @param fraction The fraction of groups held out, in [0, 1).
     * @param maxSnapshotGroups The most groups a snapshot records.
     * @param rng The run's random numbers.
     * @return The split.
     * @throws IllegalArgumentException If validation is asked for with fewer than 2 groups.
     */
    static ValidationSplit of(RankingGroups groups, List<Example<Regressor>> examples, double fraction,
                              int maxSnapshotGroups, SplittableRandom rng) {
        int[] order = shuffle(IntStream.range(0, groups.size()).toArray(), rng);
        int numValidation = 0;
        if (fraction > 0.0) {
            if (groups.size() < 2) {
                throw new IllegalArgumentException("validationFraction needs at least 2 prompt groups, found "
                        + groups.size());
            }
            numValidation = (int) Math.max(1, Math.min(groups.size() - 1, Math.round(fraction * groups.size())));
        }
        int[] validation = Arrays.copyOfRange(order, 0, numValidation);
        int[] train = Arrays.copyOfRange(order, numValidation, order.length);
        if (numValidation > 0) {
            IntFunction<String> source = g -> examples.get(groups.groups().get(g).exampleIndex(0))
                    .getMetadataValue(RankingMetadata.BOOTSTRAP_SOURCE_KEY).map(Object::toString).orElse(null);
            int[][] split = keepCopiesTogether(validation, train, source);
            validation = split[0];
            train = split[1];
        }
        Arrays.sort(validation);
        Arrays.sort(train);
        int[] pool = shuffle(validation.length > 0 ? validation.clone() : train.clone(), rng);
        int[] snapshots = Arrays.copyOf(pool, Math.min(pool.length, maxSnapshotGroups));
        Arrays.sort(snapshots);
        return new ValidationSplit(train, validation, snapshots);
    }

    /**
     * Moves to validation every training group that is a bootstrap copy of a prompt with a copy in validation, so
     * that no prompt is both trained on and validated on; data without bootstrap copies is left as it is.
     */
    private static int[][] keepCopiesTogether(int[] validation, int[] train, IntFunction<String> source) {
        Set<String> validated = new HashSet<>();
        for (int g : validation) {
            String s = source.apply(g);
            if (s != null) {
                validated.add(s);
            }
        }
        if (validated.isEmpty()) {
            return new int[][]{validation, train};
        }
        int[] moved = Arrays.stream(train).filter(g -> validated.contains(source.apply(g))).toArray();
        int[] kept = Arrays.stream(train).filter(g -> !validated.contains(source.apply(g))).toArray();
        if (kept.length == 0) {
            return new int[][]{validation, train};
        }
        return new int[][]{IntStream.concat(Arrays.stream(validation), Arrays.stream(moved)).toArray(), kept};
    }

    /**
     * Shuffles in place (Fisher-Yates, from the end).
     * @param values The values.
     * @param rng The random numbers.
     * @return The same array.
     */
    static int[] shuffle(int[] values, SplittableRandom rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
        return values;
    }
}
