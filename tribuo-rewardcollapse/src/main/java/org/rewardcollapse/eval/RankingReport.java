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

import org.rewardcollapse.data.LoadReport;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.model.GroupRewards;
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
        NO
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
                          int ndcgGroups, double rewardMean, double rewardStd, double withinGroupStd) {}

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

    private RankingReport(Metrics overall, Map<String, Metrics> perClass, CollapseDiagnostics collapse,
                          UtilityByType utilities, List<String> notes, Map<String, LengthBaselines> lengthBaselines) {
        this.overall = overall;
        this.perClass = perClass;
        this.collapse = collapse;
        this.utilities = utilities;
        this.notes = notes;
        this.lengthBaselines = lengthBaselines;
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
        if (ndcgK < 1) {
            throw new IllegalArgumentException("the NDCG cut-off must be >= 1, found " + ndcgK);
        }
        Metrics overall = metrics(groups, ndcgK);
        Map<String, List<GroupRewards>> byType = new TreeMap<>();
        groups.forEach(g -> g.type().ifPresent(t -> byType.computeIfAbsent(t, k -> new ArrayList<>()).add(g)));
        Map<String, Metrics> perClass = new LinkedHashMap<>();
        byType.forEach((type, list) -> perClass.put(type, metrics(list, ndcgK)));
        List<GroupRewards> untyped = groups.stream().filter(g -> g.type().isEmpty()).toList();
        if (!byType.isEmpty() && !untyped.isEmpty()) {
            perClass.put(UNTYPED, metrics(untyped, ndcgK));
        }
        boolean normalise = switch (normalisation) {
            case YES -> true;
            case NO -> false;
            case AUTO -> groups.stream().flatMapToDouble(g -> Arrays.stream(g.rewards())).anyMatch(r -> r < 0.0 || r > 1.0);
        };
        CollapseDiagnostics collapse = CollapseDiagnostics.of(groups, normalise, utilities).orElse(null);
        List<String> notes = new ArrayList<>();
        int withoutPairs = overall.groups() - overall.groupsWithPairs();
        if (withoutPairs > 0) {
            notes.add(withoutPairs + " groups have no strictly ordered pair (one response or all tied): no pairwise metric");
        }
        List<GroupRewards> ungraded = groups.stream().filter(g -> !RankingMetrics.areGrades(g.scores())).toList();
        if (!ungraded.isEmpty()) {
            double outside = Arrays.stream(ungraded.get(0).scores())
                    .filter(v -> !(v >= 0.0 && v <= RankingMetrics.MAX_GRADE)).findFirst().orElse(Double.NaN);
            notes.add(ungraded.size() + " groups have scores outside [0, " + (int) RankingMetrics.MAX_GRADE
                    + "], which are not relevance grades (first: prompt '" + ungraded.get(0).promptId() + "', score "
                    + outside + "): left out of NDCG@" + ndcgK);
        }
        int withoutGain = overall.groups() - overall.ndcgGroups() - ungraded.size();
        if (withoutGain > 0) {
            notes.add(withoutGain + " groups have no positive gain: left out of NDCG@" + ndcgK);
        }
        if (collapse == null) {
            notes.add("no prompt types in the data: no collapse diagnostics");
        } else if (!collapse.note().isEmpty()) {
            notes.add(collapse.note());
        }
        Map<String, LengthBaselines> baselines = new LinkedHashMap<>();
        if (!lengths.isEmpty() && groups.stream().allMatch(g -> lengths.containsKey(g.promptId()))) {
            baselines.put(ALL, baselines(groups, lengths));
            byType.forEach((type, list) -> baselines.put(type, baselines(list, lengths)));
            if (perClass.containsKey(UNTYPED)) {
                baselines.put(UNTYPED, baselines(untyped, lengths));
            }
        }
        return new RankingReport(overall, perClass, collapse, utilities, notes, baselines);
    }

    private static LengthBaselines baselines(List<GroupRewards> groups, Map<String, double[]> lengths) {
        double correct = 0.0;
        long pairs = 0;
        for (GroupRewards g : groups) {
            double accuracy = RankingMetrics.pairwiseAccuracy(g.scores(), lengths.get(g.promptId()));
            if (!Double.isNaN(accuracy)) {
                long groupPairs = RankingGroup.orderedPairCount(g.scores());
                pairs += groupPairs;
                correct += accuracy * groupPairs;
            }
        }
        double longer = pairs == 0 ? Double.NaN : correct / pairs;
        return new LengthBaselines(longer, 1.0 - longer);
    }

    private static Metrics metrics(List<GroupRewards> groups, int k) {
        double correct = 0.0;
        long pairs = 0;
        int withPairs = 0;
        SummaryStatistics groupAccuracy = new SummaryStatistics();
        SummaryStatistics tau = new SummaryStatistics();
        SummaryStatistics rho = new SummaryStatistics();
        SummaryStatistics ndcg = new SummaryStatistics();
        SummaryStatistics rewards = new SummaryStatistics();
        SummaryStatistics within = new SummaryStatistics();
        for (GroupRewards g : groups) {
            double[] s = g.scores();
            double[] r = g.rewards();
            Arrays.stream(r).forEach(rewards::addValue);
            if (r.length > 1) {
                within.addValue(new StandardDeviation(false).evaluate(r));
            }
            double accuracy = RankingMetrics.pairwiseAccuracy(s, r);
            if (!Double.isNaN(accuracy)) {
                long groupPairs = RankingGroup.orderedPairCount(s);
                withPairs++;
                pairs += groupPairs;
                correct += accuracy * groupPairs;
                groupAccuracy.addValue(accuracy);
            }
            addIfDefined(tau, RankingMetrics.kendallTauB(s, r));
            addIfDefined(rho, RankingMetrics.spearmanRho(s, r));
            addIfDefined(ndcg, RankingMetrics.ndcg(s, r, k));
        }
        return new Metrics(groups.size(), withPairs, pairs, pairs == 0 ? Double.NaN : correct / pairs,
                mean(groupAccuracy), mean(tau), mean(rho), k, mean(ndcg), (int) ndcg.getN(), rewards.getMean(),
                rewards.getN() > 1 ? rewards.getStandardDeviation() : Double.NaN, mean(within));
    }

    private static void addIfDefined(SummaryStatistics statistics, double value) {
        if (!Double.isNaN(value)) {
            statistics.addValue(value);
        }
    }

    private static double mean(SummaryStatistics statistics) {
        return statistics.getN() == 0 ? Double.NaN : statistics.getMean();
    }

    /**
     * The length baselines over all groups ({@value #ALL}) and per prompt class, beside the model's metrics.
     * @return Class to baselines; empty when the data has no text.
     */
    public Map<String, LengthBaselines> lengthBaselines() {
        return lengthBaselines;
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
