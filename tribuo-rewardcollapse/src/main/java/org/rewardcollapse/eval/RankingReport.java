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
import org.rewardcollapse.data.source.LoadReport;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.RewardHead;
import org.rewardcollapse.utility.UtilityByType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The evaluation of scored prompt groups: ranking metrics over all groups and per prompt class, and the collapse
 * diagnostics where prompt types are known. Built from any source of {@link GroupRewards} (a Tribuo model's
 * predictions, a scores file, a training snapshot), so every scorer is judged the same way.
 * <p>
 * Pairwise accuracy is pooled over all strictly ordered pairs (its group mean is reported too); Kendall's tau-b,
 * Spearman's rho and NDCG@k are means over the groups where they are defined. Groups of one response or with all
 * responses tied carry no pair and are counted, not silently dropped.
 */
public final class RankingReport {
    /** Whether to min-max normalise each group's rewards before the collapse diagnostics. */
    public enum Normalisation {
        /** Normalise when any reward lies outside [0, 1] (unbounded rewards). */
        AUTO,
        /** Always normalise. */
        YES,
        /** Never normalise. */
        NO;

        /**
         * The rule for a reward model's rewards: bounded rewards that the model does not standardise are already on
         * [0, 1] and are compared as they are; any other rewards are normalised per group.
         * @param head The model's reward head.
         * @return {@link #NO} or {@link #YES}.
         */
        public static Normalisation of(RewardHead head) {
            return head.bounded() && !head.normalise() ? NO : YES;
        }
    }

    /**
     * The ranking metrics of a set of groups.
     *
     * @param groups The number of groups.
     * @param groupsWithPairs Groups with at least one strictly ordered pair.
     * @param pairs Strictly ordered pairs.
     * @param pairwiseAccuracy Pooled pairwise accuracy (ties 1/2).
     * @param groupPairwiseAccuracy Mean of the groups' pairwise accuracies.
     * @param kendallTau Mean Kendall tau-b.
     * @param spearmanRho Mean Spearman rho.
     * @param ndcgK The NDCG cut-off.
     * @param ndcg Mean NDCG@k over groups with a positive gain.
     * @param ndcgGroups Groups with a positive gain.
     * @param rewardMean Mean reward.
     * @param rewardStd Standard deviation of all rewards.
     * @param withinGroupStd Mean of the groups' reward standard deviations.
     */
    public record Metrics(int groups, int groupsWithPairs, long pairs, double pairwiseAccuracy,
                          double groupPairwiseAccuracy, double kendallTau, double spearmanRho, int ndcgK, double ndcg,
                          int ndcgGroups, double rewardMean, double rewardStd, double withinGroupStd,
                          Spread withinGroupSpread) {}

    /**
     * The distribution of the within-prompt reward standard deviation over prompts (population standard deviation of
     * each group's rewards, groups of two or more responses). A prompt whose responses all get about the same reward
     * gives reinforcement learning no signal (Razin et al. 2025); collapse is the same disease across prompts.
     *
     * @param groups Groups with two or more responses.
     * @param min The smallest.
     * @param q10 The 10th percentile.
     * @param q25 The 25th percentile.
     * @param median The median.
     * @param q75 The 75th percentile.
     * @param q90 The 90th percentile.
     * @param max The largest.
     * @param flatShare The share of groups whose standard deviation is at most {@value #FLAT} times the standard
     *                  deviation of all rewards evaluated, of every class ("flat" prompts).
     */
    public record Spread(int groups, double min, double q10, double q25, double median, double q75, double q90,
                         double max, double flatShare) {
        /** A group is flat when its rewards' standard deviation is under this fraction of all rewards' one. */
        public static final double FLAT = 0.1;

        /**
         * The spread of some groups' standard deviations (Commons Math's default percentile estimate).
         * @param stds The within-group standard deviations.
         * @param overallStd The standard deviation of all rewards, against which {@code flatShare} is judged.
         * @return The spread (NaN quantiles when there is no group).
         */
        public static Spread of(double[] stds, double overallStd) {
            if (stds.length == 0) {
                return new Spread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN);
            }
            Percentile percentile = new Percentile();
            percentile.setData(stds);
            // <= so that when every reward is equal (a fully collapsed model) every group counts as flat
            long flat = Arrays.stream(stds).filter(v -> v <= FLAT * overallStd).count();
            return new Spread(stds.length, Arrays.stream(stds).min().orElseThrow(), percentile.evaluate(10),
                    percentile.evaluate(25), percentile.evaluate(50), percentile.evaluate(75), percentile.evaluate(90),
                    Arrays.stream(stds).max().orElseThrow(),
                    Double.isFinite(overallStd) ? flat / (double) stds.length : Double.NaN);
        }
    }

    /**
     * How much a model's rewards follow response length.
     *
     * @param rewardLengthRho Spearman's rho between reward and length in characters within a prompt, averaged over
     *                        the prompts where both vary.
     * @param rhoGroups The prompts averaged.
     * @param lengthControlledAccuracy Pairwise accuracy over the ordered pairs whose better response is the shorter
     *                                 one (where "the longer wins" is always wrong).
     * @param shorterBetterPairs How many such pairs there are.
     */
    public record LengthBias(double rewardLengthRho, int rhoGroups, double lengthControlledAccuracy,
                             long shorterBetterPairs) {}

    /**
     * What "the longer response wins" and "the shorter response wins" score: pooled pairwise accuracy with each
     * response's length in characters as its reward (equal lengths count half, so the two add up to 1).
     *
     * @param longerWins Pairwise accuracy of ranking by length, longest first.
     * @param shorterWins Pairwise accuracy of ranking by length, shortest first.
     */
    public record LengthBaselines(double longerWins, double shorterWins) {}

    /** The {@link #lengthBaselines()} key of all groups. */
    public static final String ALL = "all";

    /** The {@link #perClass()} key of the groups without a prompt type, when others have one. */
    public static final String UNTYPED = LoadReport.UNTYPED;

    private final Metrics overall;
    private final Map<String, Metrics> perClass;
    private final CollapseDiagnostics collapse;
    private final UtilityByType utilities;
    private final List<String> notes;
    private final Map<String, LengthBaselines> lengthBaselines;
    private final Map<String, LengthBias> lengthBias;
    private final Map<String, double[]> withinGroupStds;
    private final LengthVerdict lengthVerdict;
    private UnpairedLabels unpairedLabels;

    private RankingReport(Metrics overall, Map<String, Metrics> perClass, CollapseDiagnostics collapse,
                          UtilityByType utilities, List<String> notes, Map<String, LengthBaselines> lengthBaselines,
                          Map<String, LengthBias> lengthBias, Map<String, double[]> withinGroupStds,
                          LengthVerdict lengthVerdict) {
        this.overall = overall;
        this.perClass = perClass;
        this.collapse = collapse;
        this.utilities = utilities;
        this.notes = notes;
        this.lengthBaselines = lengthBaselines;
        this.lengthBias = lengthBias;
        this.lengthVerdict = lengthVerdict;
        this.withinGroupStds = withinGroupStds;
    }

    /**
     * Evaluates groups.
     * @param groups The groups (at least one).
     * @param ndcgK The NDCG cut-off, &gt;= 1.
     * @param normalisation Whether the collapse diagnostics normalise rewards per group.
     * @param utilities The utility each prompt type trained with, for the theory distances ({@link UtilityByType#NONE}
     *                  when unknown).
     * @return The report.
     * @throws IllegalArgumentException If there is no group.
     */
    public static RankingReport of(List<GroupRewards> groups, int ndcgK, Normalisation normalisation,
                                   UtilityByType utilities) {
        return of(groups, ndcgK, normalisation, utilities, Map.of());
    }

    /**
     * Evaluates groups beside the length baselines.
     * @param groups The groups (at least one).
     * @param ndcgK The NDCG cut-off, &gt;= 1.
     * @param normalisation Whether the collapse diagnostics normalise rewards per group.
     * @param utilities The utility each prompt type trained with ({@link UtilityByType#NONE} when unknown).
     * @param lengths Each prompt's response lengths in characters, in response order; empty when the data has no
     *                text (then no baselines).
     * @return The report.
     * @throws IllegalArgumentException If there is no group.
     */
    public static RankingReport of(List<GroupRewards> groups, int ndcgK, Normalisation normalisation,
                                   UtilityByType utilities, Map<String, double[]> lengths) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no prompt group to evaluate");
        }
        requireCutOff(ndcgK);
        Map<String, MetricSums> sums = new LinkedHashMap<>();
        for (GroupRewards g : groups) {
            for (String key : classKeys(g)) {
                sums.computeIfAbsent(key, k -> new MetricSums()).add(g, lengths.get(g.promptId()), ndcgK);
            }
        }
        boolean normalise = normalise(normalisation, sums.get(ALL));
        RankingReport report = fromSums(sums, CollapseDiagnostics.of(groups, normalise, utilities).orElse(null),
                utilities, ndcgK);
        report.unpairedLabels = UnpairedLabels.of(groups).orElse(null);
        return report;
    }

    /**
     * The keys of the sums a group adds to: {@value #ALL}, and its type or {@value #UNTYPED}.
     * @param g The group.
     * @return The keys.
     */
    public static List<String> classKeys(GroupRewards g) {
        return List.of(ALL, g.type().orElse(UNTYPED));
    }

    /**
     * Whether the collapse diagnostics normalise rewards.
     * @param normalisation The setting.
     * @param all The sums over all groups.
     * @return True to min-max normalise each group's rewards.
     */
    public static boolean normalise(Normalisation normalisation, MetricSums all) {
        return switch (normalisation) {
            case YES -> true;
            case NO -> false;
            case AUTO -> all.rewardsLeaveUnitInterval();
        };
    }

    /**
     * A report from metric sums (what a distributed evaluation merges) and the collapse diagnostics.
     * @param sums Sums keyed by {@value #ALL}, each prompt type, and {@value #UNTYPED} ({@link #classKeys}).
     * @param collapse The collapse diagnostics of the typed groups, or null when none has a type.
     * @param utilities The utility each prompt type trained with.
     * @param ndcgK The NDCG cut-off the sums were made with.
     * @return The report.
     * @throws IllegalArgumentException If there are no sums over all groups.
     */
    public static RankingReport fromSums(Map<String, MetricSums> sums, CollapseDiagnostics collapse,
                                         UtilityByType utilities, int ndcgK) {
        requireCutOff(ndcgK);
        MetricSums all = sums.get(ALL);
        if (all == null || all.metrics(ndcgK).groups() == 0) {
            throw new IllegalArgumentException("no prompt group to evaluate");
        }
        Metrics overall = all.metrics(ndcgK);
        Map<String, MetricSums> types = new TreeMap<>(sums);
        types.remove(ALL);
        MetricSums untyped = types.remove(UNTYPED);
        Map<String, Metrics> perClass = new LinkedHashMap<>();
        Map<String, LengthBaselines> baselines = new LinkedHashMap<>();
        Map<String, LengthBias> bias = new LinkedHashMap<>();
        Map<String, double[]> withinStds = new LinkedHashMap<>();
        withinStds.put(ALL, all.withinGroupStds());
        if (all.lengthBaselines() != null) {
            baselines.put(ALL, all.lengthBaselines());
            bias.put(ALL, all.lengthBias());
        }
        Map<String, MetricSums> classes = new LinkedHashMap<>(types);
        if (!types.isEmpty() && untyped != null) {
            classes.put(UNTYPED, untyped);
        }
        classes.forEach((type, s) -> {
            perClass.put(type, s.metrics(ndcgK, overall.rewardStd()));
            withinStds.put(type, s.withinGroupStds());
            if (!baselines.isEmpty() && s.lengthBaselines() != null) {
                baselines.put(type, s.lengthBaselines());
                bias.put(type, s.lengthBias());
            }
        });
        List<String> notes = new ArrayList<>();
        int withoutPairs = overall.groups() - overall.groupsWithPairs();
        if (withoutPairs > 0) {
            notes.add(withoutPairs + " groups have no strictly ordered pair (one response or all tied): no pairwise metric");
        }
        if (all.ungraded() > 0) {
            notes.add(all.ungraded() + " groups have scores outside [0, " + (int) RankingMetrics.MAX_GRADE
                    + "], which are not relevance grades (first: prompt '" + all.firstUngraded() + "', score "
                    + all.firstUngradedScore() + "): left out of NDCG@" + ndcgK);
        }
        int withoutGain = overall.groups() - overall.ndcgGroups() - all.ungraded();
        if (withoutGain > 0) {
            notes.add(withoutGain + " groups have no positive gain: left out of NDCG@" + ndcgK);
        }
        if (collapse == null) {
            notes.add("no prompt types in the data: no collapse diagnostics");
        } else if (!collapse.note().isEmpty()) {
            notes.add(collapse.note());
        }
        return new RankingReport(overall, perClass, collapse, utilities, notes, baselines, bias, withinStds,
                all.lengthVerdict());
    }

    private static void requireCutOff(int ndcgK) {
        if (ndcgK < 1) {
            throw new IllegalArgumentException("the NDCG cut-off must be >= 1, found " + ndcgK);
        }
    }

    /**
     * The length baselines over all groups ({@value #ALL}) and per prompt class, beside the model's metrics.
     * @return Class to baselines; empty when the data has no text.
     */
    public Map<String, LengthBaselines> lengthBaselines() {
        return lengthBaselines;
    }

    /**
     * How well the rewards separate desirable from undesirable responses, for data labelled response by response
     * (TRL's unpaired preference format).
     * @return The metrics; empty for ranked or paired data, and for reports merged from Spark partitions.
     */
    public Optional<UnpairedLabels> unpairedLabels() {
        return Optional.ofNullable(unpairedLabels);
    }

    /**
     * Whether the model beats the better length rule over all groups, with its bootstrap interval.
     * @return The verdict; empty when the responses' lengths are unknown (numeric features) or no group has a pair.
     */
    public Optional<LengthVerdict> lengthVerdict() {
        return Optional.ofNullable(lengthVerdict);
    }

    /**
     * How much the rewards follow response length, over all groups ({@value #ALL}) and per prompt class.
     * @return Class to length bias; empty when the data has no text.
     */
    public Map<String, LengthBias> lengthBias() {
        return lengthBias;
    }

    /**
     * The within-prompt reward standard deviations, over all groups ({@value #ALL}) and per prompt class, for
     * histograms ({@link Metrics#withinGroupSpread()} summarises them).
     * @return Class to values (copies).
     */
    public Map<String, double[]> withinGroupStds() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        withinGroupStds.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /**
     * The metrics over all groups.
     * @return The metrics.
     */
    public Metrics overall() {
        return overall;
    }

    /**
     * The metrics of each prompt class, and of the groups without a type ({@value #UNTYPED}) when some have one.
     * @return Type to metrics, sorted by type, {@value #UNTYPED} last; empty when no group has a type.
     */
    public Map<String, Metrics> perClass() {
        return perClass;
    }

    /**
     * The collapse diagnostics.
     * @return The diagnostics, if any group has a prompt type.
     */
    public Optional<CollapseDiagnostics> collapse() {
        return Optional.ofNullable(collapse);
    }

    /**
     * The utility each prompt type trained with, as the theory distances used them (resolved specs, e.g.
     * {@code inverse,eps=0.1}).
     * @return The utilities ({@link UtilityByType#NONE} when unknown).
     */
    public UtilityByType utilities() {
        return utilities;
    }

    /**
     * What was left out and why.
     * @return The notes.
     */
    public List<String> notes() {
        return List.copyOf(notes);
    }
}
