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

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.rewardcollapse.eval.RewardProfiles.ClassProfile;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.theory.InterpolatingOptimum;
import org.rewardcollapse.theory.InterpolatingSolver;
import org.rewardcollapse.theory.LimitLaw;
import org.rewardcollapse.theory.LimitLaws;
import org.rewardcollapse.theory.Profiles;
import org.rewardcollapse.utility.Utility;
import org.rewardcollapse.utility.UtilityByType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Did the reward model collapse? Per prompt class: the class's reward profile, its distance to the interpolating
 * optimum of the utility the class trained with (the theory distance) and the Kolmogorov-Smirnov distance of its
 * pooled rewards to that utility's limit law; between classes: the collapse gap (largest difference between class
 * profiles) and the KS distance between their pooled rewards (Commons Math, two-sample). Profiles are compared on the
 * grid of the most common group size m.
 *
 * @param gridSize The grid size m.
 * @param normalised Whether rewards were min-max normalised per group.
 * @param classes The diagnostics of each class, by prompt type.
 * @param collapseGap The largest absolute difference between two classes' profiles (NaN with one class).
 * @param ksDistance The largest two-sample KS statistic between two classes' pooled rewards (NaN with one class).
 * @param note What could not be computed and why, or empty.
 */
public record CollapseDiagnostics(int gridSize, boolean normalised, Map<String, ClassDiagnostics> classes,
                                  double collapseGap, double ksDistance, String note) {
    /**
     * One class.
     *
     * @param profile The class profile.
     * @param utility The utility the class trained with, or null when unknown or mixed.
     * @param optimum The utility's interpolating optimum at m, or null (no utility, or not computable).
     * @param theoryDistance The largest absolute difference between profile and optimum (NaN without an optimum).
     * @param limitLaw The utility's limit law, or null when none is known.
     * @param limitLawDistance The KS distance of the class's pooled rewards to the limit law (NaN when none).
     * @param pooledRewards All the class's rewards (normalised when the diagnostics are).
     */
    public record ClassDiagnostics(ClassProfile profile, Utility utility, double[] optimum, double theoryDistance,
                                   LimitLaw limitLaw, double limitLawDistance, double[] pooledRewards) {
        /**
         * The utility's spec.
         * @return The spec, or null when the utility is unknown.
         */
        public String utilitySpec() {
            return utility == null ? null : utility.spec();
        }
    }

    /**
     * Computes the diagnostics of the groups that carry a prompt type.
     * @param groups The groups (untyped groups and groups of one response are left out).
     * @param normalise Min-max normalise each group's rewards (for unbounded rewards).
     * @param utilities The utility each type trained with.
     * @return The diagnostics, or empty when no group has a type.
     */
    public static Optional<CollapseDiagnostics> of(List<GroupRewards> groups, boolean normalise,
                                                   UtilityByType utilities) {
        Map<String, List<GroupRewards>> byType = byType(groups);
        if (byType.isEmpty()) {
            return Optional.empty();
        }
        int m = RewardProfiles.modalSize(byType.values().stream().flatMap(List::stream).toList());
        Map<String, ClassDiagnostics> classes = new LinkedHashMap<>();
        Map<String, ClassProfile> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, List<GroupRewards>> entry : byType.entrySet()) {
            ClassProfile profile = RewardProfiles.classProfile(entry.getValue(), m, normalise);
            profiles.put(entry.getKey(), profile);
            classes.put(entry.getKey(), diagnose(entry.getValue(), profile, m, normalise,
                    utilities.forType(entry.getKey()).orElse(null)));
        }
        double gap = RewardProfiles.collapseGap(profiles);
        double ks = Double.NaN;
        List<ClassDiagnostics> list = List.copyOf(classes.values());
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
        for (int a = 0; a < list.size(); a++) {
            for (int b = a + 1; b < list.size(); b++) {
                double d = test.kolmogorovSmirnovStatistic(list.get(a).pooledRewards(), list.get(b).pooledRewards());
                ks = Double.isNaN(ks) ? d : Math.max(ks, d);
            }
        }
        List<String> notes = new ArrayList<>();
        if (classes.size() < 2) {
            notes.add("one prompt class (" + classes.keySet().iterator().next()
                    + "): no collapse gap or KS distance between classes");
        }
        classes.forEach((type, d) -> {
            if (d.utility() != null && d.optimum() == null) {
                notes.add("the optimum of " + d.utilitySpec() + " at n = " + m + " could not be computed in double "
                        + "precision: no theory distance for " + type);
            }
        });
        return Optional.of(new CollapseDiagnostics(m, normalise, classes, gap, ks, String.join("; ", notes)));
    }

    /**
     * The collapse gap alone (the class profiles, no optimum), as training snapshots need it.
     * @param groups The groups.
     * @param normalise Min-max normalise each group's rewards.
     * @return The gap, or NaN with fewer than two prompt classes.
     */
    public static double collapseGap(List<GroupRewards> groups, boolean normalise) {
        Map<String, List<GroupRewards>> byType = byType(groups);
        if (byType.size() < 2) {
            return Double.NaN;
        }
        int m = RewardProfiles.modalSize(byType.values().stream().flatMap(List::stream).toList());
        Map<String, ClassProfile> profiles = new LinkedHashMap<>();
        byType.forEach((type, list) -> profiles.put(type, RewardProfiles.classProfile(list, m, normalise)));
        return RewardProfiles.collapseGap(profiles);
    }

    /** The typed groups of two or more responses, by type. */
    private static Map<String, List<GroupRewards>> byType(List<GroupRewards> groups) {
        Map<String, List<GroupRewards>> byType = new TreeMap<>();
        for (GroupRewards group : groups) {
            if (group.type().isPresent() && group.size() >= 2) {
                byType.computeIfAbsent(group.type().get(), k -> new ArrayList<>()).add(group);
            }
        }
        return byType;
    }

    private static ClassDiagnostics diagnose(List<GroupRewards> groups, ClassProfile profile, int m, boolean normalise,
                                             Utility utility) {
        double[] pooled = groups.stream().flatMapToDouble(g -> java.util.Arrays.stream(
                normalise ? Profiles.minMaxNormalised(g.rewards()) : g.rewards())).toArray();
        if (utility == null) {
            return new ClassDiagnostics(profile, null, null, Double.NaN, null, Double.NaN, pooled);
        }
        LimitLaw law = LimitLaws.of(utility).orElse(null);
        double lawDistance = law == null ? Double.NaN : LimitLaws.ksDistance(pooled, law);
        InterpolatingOptimum solved = new InterpolatingSolver().solve(utility, m);
        if (!solved.converged()) {
            return new ClassDiagnostics(profile, utility, null, Double.NaN, law, lawDistance, pooled);
        }
        double[] optimum = solved.rewards();
        return new ClassDiagnostics(profile, utility, optimum, Profiles.supDistance(profile.mean(), optimum), law,
                lawDistance, pooled);
    }
}
