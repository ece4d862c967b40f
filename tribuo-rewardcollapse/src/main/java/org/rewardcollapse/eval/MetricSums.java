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

import org.apache.commons.math3.stat.descriptive.AggregateSummaryStatistics;
import org.apache.commons.math3.stat.descriptive.StatisticalSummary;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.util.ResizableDoubleArray;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.model.GroupRewards;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * What a set of prompt groups contributes to the ranking metrics, as sums that merge: the single-machine report adds
 * its groups to one, a distributed evaluation adds each partition's groups to its own and merges them (summary
 * statistics merged with Commons Math's {@link AggregateSummaryStatistics}), so both compute the same numbers from the
 * same formulas.
 */
public final class MetricSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private int groups;
    private int withPairs;
    private long pairs;
    private double correct;
    private final Stat groupAccuracy = new Stat();
    private final Stat tau = new Stat();
    private final Stat rho = new Stat();
    private final Stat ndcg = new Stat();
    private final Stat rewards = new Stat();
    private final Stat within = new Stat();
    private final ResizableDoubleArray withinValues = new ResizableDoubleArray();
    private final Stat lengthRho = new Stat();
    private long shorterBetterPairs;
    private double shorterBetterCorrect;
    private int ungraded;
    private String firstUngraded;
    private double firstUngradedScore = Double.NaN;
    private boolean allLengths = true;
    private long lengthPairs;
    private double lengthCorrect;
    private final TreeMap<String, LengthVerdict.Pairs> perPrompt = new TreeMap<>();

    /**
     * Adds one group.
     * @param g The group.
     * @param lengths Its responses' lengths in characters, aligned with its rewards, or null when unknown.
     * @param k The NDCG cut-off.
     * @return This.
     */
    public MetricSums add(GroupRewards g, double[] lengths, int k) {
        double[] s = g.scores();
        double[] r = g.rewards();
        groups++;
        Arrays.stream(r).forEach(rewards::add);
        if (r.length > 1) {
            double std = scaledStd(r);
            within.add(std);
            withinValues.addElement(std);
        }
        double accuracy = RankingMetrics.pairwiseAccuracy(s, r);
        if (!Double.isNaN(accuracy)) {
            long groupPairs = RankingGroup.orderedPairCount(s);
            withPairs++;
            pairs += groupPairs;
            correct += accuracy * groupPairs;
            groupAccuracy.add(accuracy);
            if (lengths != null) {
                double longerCorrect = RankingMetrics.pairwiseAccuracy(s, lengths) * groupPairs;
                lengthPairs += groupPairs;
                lengthCorrect += longerCorrect;
                addShorterBetterPairs(s, r, lengths);
                perPrompt.put(g.promptId(), new LengthVerdict.Pairs(groupPairs, accuracy * groupPairs, longerCorrect));
            }
        }
        allLengths &= lengths != null;
        if (lengths != null) {
            addIfDefined(lengthRho, RankingMetrics.spearmanRho(lengths, r));
        }
        addIfDefined(tau, RankingMetrics.kendallTauB(s, r));
        addIfDefined(rho, RankingMetrics.spearmanRho(s, r));
        addIfDefined(ndcg, RankingMetrics.ndcg(s, r, k));
        if (!RankingMetrics.areGrades(s)) {
            ungraded++;
            // The smallest prompt id names the example, so that any order of adding and merging gives the same note.
            if (firstUngraded == null || g.promptId().compareTo(firstUngraded) < 0) {
                firstUngraded = g.promptId();
                firstUngradedScore = Arrays.stream(s).filter(v -> !(v >= 0.0 && v <= RankingMetrics.MAX_GRADE))
                        .findFirst().orElse(Double.NaN);
            }
        }
        return this;
    }

    /**
     * Merges another set of groups into this one.
     * @param other The other sums (unchanged).
     * @return This.
     */
    public MetricSums merge(MetricSums other) {
        groups += other.groups;
        withPairs += other.withPairs;
        pairs += other.pairs;
        correct += other.correct;
        groupAccuracy.merge(other.groupAccuracy);
        tau.merge(other.tau);
        rho.merge(other.rho);
        ndcg.merge(other.ndcg);
        rewards.merge(other.rewards);
        within.merge(other.within);
        withinValues.addElements(other.withinValues.getElements());
        lengthRho.merge(other.lengthRho);
        shorterBetterPairs += other.shorterBetterPairs;
        shorterBetterCorrect += other.shorterBetterCorrect;
        ungraded += other.ungraded;
        if (other.firstUngraded != null && (firstUngraded == null || other.firstUngraded.compareTo(firstUngraded) < 0)) {
            firstUngraded = other.firstUngraded;
            firstUngradedScore = other.firstUngradedScore;
        }
        allLengths &= other.allLengths;
        lengthPairs += other.lengthPairs;
        lengthCorrect += other.lengthCorrect;
        perPrompt.putAll(other.perPrompt);
        return this;
    }

    /**
     * The metrics, flat groups judged against these groups' own reward standard deviation.
     * @param k The NDCG cut-off the sums were made with.
     * @return The metrics.
     */
    public RankingReport.Metrics metrics(int k) {
        return metrics(k, rewardStd());
    }

    /**
     * The metrics.
     * @param k The NDCG cut-off the sums were made with.
     * @param allRewardsStd The standard deviation of all rewards evaluated (of every class), against which a group
     *                      is judged flat ({@link RankingReport.Spread#flatShare}).
     * @return The metrics.
     */
    public RankingReport.Metrics metrics(int k, double allRewardsStd) {
        StatisticalSummary all = rewards.total();
        return new RankingReport.Metrics(groups, withPairs, pairs, pairs == 0 ? Double.NaN : correct / pairs,
                groupAccuracy.mean(), tau.mean(), rho.mean(), k, ndcg.mean(), (int) ndcg.total().getN(),
                all.getN() == 0 ? Double.NaN : all.getMean(), rewardStd(), within.mean(),
                RankingReport.Spread.of(withinValues.getElements(), allRewardsStd));
    }

    private double rewardStd() {
        StatisticalSummary all = rewards.total();
        return all.getN() > 1 ? all.getStandardDeviation() : Double.NaN;
    }

    /**
     * The standard deviation of the rewards within each group of two or more responses, in no particular order.
     * @return The values (a copy).
     */
    public double[] withinGroupStds() {
        return withinValues.getElements();
    }

    /**
     * How much the rewards follow response length.
     * @return The length bias, or null when some group's lengths were unknown.
     */
    public RankingReport.LengthBias lengthBias() {
        if (!allLengths || groups == 0) {
            return null;
        }
        return new RankingReport.LengthBias(lengthRho.mean(), (int) lengthRho.total().getN(),
                shorterBetterPairs == 0 ? Double.NaN : shorterBetterCorrect / shorterBetterPairs, shorterBetterPairs);
    }

    /**
     * The length baselines of these groups.
     * @return The baselines, or null when some group's lengths were unknown.
     */
    public RankingReport.LengthBaselines lengthBaselines() {
        if (!allLengths || groups == 0) {
            return null;
        }
        double longer = lengthPairs == 0 ? Double.NaN : lengthCorrect / lengthPairs;
        return new RankingReport.LengthBaselines(longer, 1.0 - longer);
    }

    /**
     * Whether the model beats the better length rule on these groups ({@link LengthVerdict}).
     * @return The verdict, or null when some group's lengths were unknown or no group has an ordered pair.
     */
    public LengthVerdict lengthVerdict() {
        return !allLengths || groups == 0 ? null : LengthVerdict.of(perPrompt);
    }

    /**
     * Does any reward lie outside [0, 1] (unbounded rewards, which the collapse profiles normalise)?
     * @return True if so.
     */
    public boolean rewardsLeaveUnitInterval() {
        StatisticalSummary all = rewards.total();
        return all.getN() > 0 && (all.getMin() < 0.0 || all.getMax() > 1.0);
    }

    /**
     * Groups whose scores are not relevance grades.
     * @return The count.
     */
    int ungraded() {
        return ungraded;
    }

    /**
     * The first (by prompt id) group whose scores are not grades, and its first score that is not.
     * @return The prompt id, or null when every group is graded.
     */
    String firstUngraded() {
        return firstUngraded;
    }

    /**
     * The first score outside the grades, of {@link #firstUngraded()}.
     * @return The score.
     */
    double firstUngradedScore() {
        return firstUngradedScore;
    }

    /**
     * The population standard deviation of finite values, computed on the values over their largest magnitude so
     * that huge (finite) rewards do not overflow the squares.
     */
    private static double scaledStd(double[] values) {
        double scale = 0.0;
        for (double v : values) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0.0 || !Double.isFinite(scale)) {
            return new StandardDeviation(false).evaluate(values);
        }
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] / scale;
        }
        return new StandardDeviation(false).evaluate(scaled) * scale;
    }

    /** Pairs whose better response (by score) is the shorter one, and how many the rewards order correctly. */
    private void addShorterBetterPairs(double[] scores, double[] rewards, double[] lengths) {
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (scores[i] > scores[j] && lengths[i] < lengths[j]) {
                    shorterBetterPairs++;
                    shorterBetterCorrect += rewards[i] > rewards[j] ? 1.0 : (rewards[i] == rewards[j] ? 0.5 : 0.0);
                }
            }
        }
    }

    private static void addIfDefined(Stat statistics, double value) {
        if (!Double.isNaN(value)) {
            statistics.add(value);
        }
    }

    /** Values added here, and summaries merged in from elsewhere, combined by Commons Math's aggregation. */
    private static final class Stat implements Serializable {
        private static final long serialVersionUID = 1L;
        private final SummaryStatistics own = new SummaryStatistics();
        private StatisticalSummary merged;

        void add(double value) {
            own.addValue(value);
        }

        void merge(Stat other) {
            StatisticalSummary theirs = other.total();
            if (theirs.getN() == 0) {
                return;
            }
            merged = merged == null ? theirs : AggregateSummaryStatistics.aggregate(List.of(merged, theirs));
        }

        StatisticalSummary total() {
            if (merged == null) {
                return own;
            }
            return own.getN() == 0 ? merged : AggregateSummaryStatistics.aggregate(List.of(own, merged));
        }

        double mean() {
            StatisticalSummary total = total();
            return total.getN() == 0 ? Double.NaN : total.getMean();
        }
    }
}
