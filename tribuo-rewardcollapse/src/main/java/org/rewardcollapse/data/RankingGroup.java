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

import java.util.Arrays;
import java.util.Optional;

/**
 * One prompt's responses within a dataset: their example indices and ground-truth scores.
 * <p>
 * The strictly ordered pairs are all (better, worse) with score(better) &gt; score(worse); tied responses form
 * no pair. Pairs are given as local positions within the group, in a fixed order (better ascending, then
 * worse ascending), so every pass over them is deterministic.
 */
public final class RankingGroup {
    private final String promptId;
    private final String promptType;
    private final int[] exampleIndices;
    private final double[] scores;
    private final int[] better;
    private final int[] worse;

    /**
     * The most strictly ordered pairs one prompt may have (a full ranking of about 4,472 responses): the loss holds
     * every pair of a group in memory.
     */
    public static final long MAX_PAIRS = 10_000_000L;

    /**
     * A group (usually made by {@link RankingGroups}, which finds them in a dataset).
     * @param promptId The prompt's id.
     * @param promptType Its type, or null.
     * @param exampleIndices The responses' example indices in the dataset.
     * @param scores Their ground-truth scores, aligned with {@code exampleIndices}.
     * @throws IllegalArgumentException If the group has more than {@link #MAX_PAIRS} ordered pairs.
     */
    public RankingGroup(String promptId, String promptType, int[] exampleIndices, double[] scores) {
        requirePairLimit(promptId, scores.length, orderedPairCount(scores));
        this.promptId = promptId;
        this.promptType = promptType;
        this.exampleIndices = exampleIndices;
        this.scores = scores;
        int pairs = Math.toIntExact(orderedPairCount(scores));
        this.better = new int[pairs];
        this.worse = new int[pairs];
        int k = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (scores[i] > scores[j]) {
                    better[k] = i;
                    worse[k] = j;
                    k++;
                }
            }
        }
    }

    /**
     * Refuses a prompt with more than {@link #MAX_PAIRS} ordered pairs.
     * @param promptId The prompt, for the message.
     * @param responses Its number of responses.
     * @param pairs Its number of strictly ordered pairs.
     * @throws IllegalArgumentException If the prompt has too many pairs, naming it and the limit.
     */
    public static void requirePairLimit(String promptId, int responses, long pairs) {
        if (pairs > MAX_PAIRS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "prompt '%s' has %,d responses "
                    + "(%,d ordered pairs); a prompt may have at most %,d ordered pairs (a full ranking of about 4,472 "
                    + "responses)", promptId, responses, pairs, MAX_PAIRS));
        }
    }

    /**
     * Counts the strictly ordered pairs among scores: n(n-1)/2 minus the pairs within tie classes.
     * @param scores The scores.
     * @return The number of pairs with different scores.
     */
    public static long orderedPairCount(double[] scores) {
        double[] sorted = Arrays.stream(scores).filter(s -> !Double.isNaN(s)).toArray(); // unlabelled: no pair
        Arrays.sort(sorted);
        long n = sorted.length;
        long pairs = n * (n - 1) / 2;
        int run = 1;
        for (int i = 1; i <= sorted.length; i++) {
            if (i < sorted.length && sorted[i] == sorted[i - 1]) {
                run++;
            } else {
                pairs -= (long) run * (run - 1) / 2;
                run = 1;
            }
        }
        return pairs;
    }

    /**
     * The prompt group id.
     * @return The id.
     */
    public String promptId() {
        return promptId;
    }

    /**
     * The prompt type, when the examples carry one.
     * @return The type.
     */
    public Optional<String> promptType() {
        return Optional.ofNullable(promptType);
    }

    /**
     * The number of responses.
     * @return The size.
     */
    public int size() {
        return exampleIndices.length;
    }

    /**
     * The dataset index of each response, in dataset order.
     * @return A copy of the indices.
     */
    public int[] exampleIndices() {
        return exampleIndices.clone();
    }

    /**
     * The dataset index of the response at a local position.
     * @param position The position within the group.
     * @return The dataset index.
     */
    public int exampleIndex(int position) {
        return exampleIndices[position];
    }

    /**
     * The ground-truth scores in group order.
     * @return A copy of the scores.
     */
    public double[] scores() {
        return scores.clone();
    }

    /**
     * The number of strictly ordered pairs.
     * @return The pair count.
     */
    public int numPairs() {
        return better.length;
    }

    /**
     * The better response of pair k.
     * @param k The pair number.
     * @return Its local position.
     */
    public int better(int k) {
        return better[k];
    }

    /**
     * The worse response of pair k.
     * @param k The pair number.
     * @return Its local position.
     */
    public int worse(int k) {
        return worse[k];
    }

    @Override
    public String toString() {
        return "RankingGroup(promptId=" + promptId + ",promptType=" + promptType + ",size=" + size()
                + ",pairs=" + numPairs() + ")";
    }
}
