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
package org.rewardcollapse.data.source;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Converts 0-based best-first ranks into preference scores: the best of k responses gets k - 1, the worst 0.
 */
final class RankScores {
    private RankScores() {}

    /**
     * Scores of responses that each carry a rank field.
     * @param items The responses.
     * @param field The rank field name.
     * @return Scores in item order.
     * @throws DataFormatException On a missing, negative, non-integer or duplicate rank.
     */
    static double[] fromRanks(List<JsonRecord> items, String field) {
        int[] ranks = new int[items.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = items.get(i).requireNonNegativeInt(field);
            for (int j = 0; j < i; j++) {
                if (ranks[j] == ranks[i]) {
                    throw items.get(i).error(field, "duplicate rank " + ranks[i] + " (ranks must be distinct)");
                }
            }
        }
        Integer[] order = new Integer[ranks.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> ranks[i]));
        double[] scores = new double[ranks.length];
        for (int position = 0; position < order.length; position++) {
            scores[order[position]] = order.length - 1 - position;
        }
        return scores;
    }
}
