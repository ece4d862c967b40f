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
package org.rewardcollapse.eval;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.theory.Profiles;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Reward profiles, as the project defines them. A group's profile is its rewards ordered by ground truth, worst to
 * best (index 1..n; responses tied in truth are ordered by reward); unbounded rewards are min-max normalised per
 * group first. A class profile is the mean of its groups' profiles; groups of another size enter through their
 * empirical quantile function on the grid (k - 1/2) / m ({@link Profiles#onGrid}).
 */
public final class RewardProfiles {
    private static final double BAND_LOW = 10.0;
    private static final double BAND_HIGH = 90.0;

    /**
     * A class's profile.
     *
     * @param groups The number of groups averaged.
     * @param mean The mean profile, length m.
     * @param lower The 10th percentile across groups at each index.
     * @param upper The 90th percentile across groups at each index.
     */
    public record ClassProfile(int groups, double[] mean, double[] lower, double[] upper) {
        /**
         * The grid size.
         * @return m.
         */
        public int size() {
            return mean.length;
        }
    }

    private RewardProfiles() {}

    /**
     * A group's profile.
     * @param group The group.
     * @param normalise Min-max normalise the rewards (for unbounded rewards).
     * @return The rewards ordered by ground truth, worst first.
     */
    public static double[] groupProfile(GroupRewards group, boolean normalise) {
        double[] scores = group.scores();
        double[] rewards = normalise ? Profiles.minMaxNormalised(group.rewards()) : group.rewards();
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingDouble(i -> rewards[i]))
                .mapToDouble(i -> rewards[i]).toArray();
    }

    /**
     * The profile of a set of groups.
     * @param groups The groups (at least one).
     * @param m The grid size.
     * @param normalise Min-max normalise each group's rewards.
     * @return The class profile.
     */
    public static ClassProfile classProfile(List<GroupRewards> groups, int m, boolean normalise) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a class profile needs at least one group");
        }
        double[][] byIndex = new double[m][groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            double[] grid = Profiles.onGrid(groupProfile(groups.get(g), normalise), m);
            for (int k = 0; k < m; k++) {
                byIndex[k][g] = grid[k];
            }
        }
        double[] mean = new double[m];
        double[] lower = new double[m];
        double[] upper = new double[m];
        Percentile percentile = new Percentile();
        for (int k = 0; k < m; k++) {
            mean[k] = Arrays.stream(byIndex[k]).average().orElseThrow();
            percentile.setData(byIndex[k]);
            lower[k] = percentile.evaluate(BAND_LOW);
            upper[k] = percentile.evaluate(BAND_HIGH);
        }
        return new ClassProfile(groups.size(), mean, lower, upper);
    }

    /**
     * The most common group size (the larger on a tie): the grid profiles are compared on.
     * @param groups The groups (at least one).
     * @return m.
     */
    public static int modalSize(List<GroupRewards> groups) {
        Map<Integer, Integer> counts = new HashMap<>();
        groups.forEach(g -> counts.merge(g.size(), 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow(() -> new IllegalArgumentException("no groups")).getKey();
    }

    /**
     * The collapse gap: the largest absolute difference between the profiles of any two classes.
     * @param profiles The class profiles, all of one grid size.
     * @return The gap; NaN with fewer than two classes.
     */
    public static double collapseGap(Map<String, ClassProfile> profiles) {
        List<ClassProfile> list = List.copyOf(profiles.values());
        double gap = Double.NaN;
        for (int a = 0; a < list.size(); a++) {
            for (int b = a + 1; b < list.size(); b++) {
                double d = Profiles.supDistance(list.get(a).mean(), list.get(b).mean());
                gap = Double.isNaN(gap) ? d : Math.max(gap, d);
            }
        }
        return gap;
    }
}
