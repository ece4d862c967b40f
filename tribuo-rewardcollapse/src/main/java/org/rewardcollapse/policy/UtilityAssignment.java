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
package org.rewardcollapse.policy;

import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.rewardcollapse.utility.UtilityByType;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The utility of every group in a training run, with a summary per prompt type and a description of how the
 * policy chose them.
 */
public final class UtilityAssignment {
    private final List<Utility> perGroup;
    private final UtilityByType byType;
    private final String description;

    private UtilityAssignment(List<Utility> perGroup, UtilityByType byType, String description) {
        this.perGroup = perGroup;
        this.byType = byType;
        this.description = description;
    }

    /**
     * Builds an assignment and its summary per prompt type (the groups' own types; groups without a type give the
     * utility of every other prompt).
     * @param groups The groups.
     * @param perGroup The utility of each group, aligned with {@code groups.groups()}.
     * @param description How the utilities were chosen.
     * @return The assignment.
     */
    public static UtilityAssignment of(RankingGroups groups, List<Utility> perGroup, String description) {
        if (perGroup.size() != groups.size()) {
            throw new IllegalArgumentException("expected " + groups.size() + " utilities, found " + perGroup.size());
        }
        Map<String, Set<Utility>> used = new TreeMap<>();
        Set<Utility> untyped = new LinkedHashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            Optional<String> type = groups.groups().get(g).promptType();
            (type.isPresent() ? used.computeIfAbsent(type.get(), k -> new LinkedHashSet<>()) : untyped).add(perGroup.get(g));
        }
        Map<String, Utility> single = new TreeMap<>();
        Set<String> mixed = new TreeSet<>();
        used.forEach((type, utilities) -> {
            if (utilities.size() == 1) {
                single.put(type, utilities.iterator().next());
            } else {
                mixed.add(type);
            }
        });
        Utility others = untyped.size() == 1 ? untyped.iterator().next() : null;
        if (new HashSet<>(perGroup).size() == 1) {
            // One utility for every prompt: it holds for prompt types the training data did not have, too.
            return new UtilityAssignment(List.copyOf(perGroup), UtilityByType.everyPrompt(perGroup.get(0)), description);
        }
        return new UtilityAssignment(List.copyOf(perGroup), UtilityByType.of(single, others, mixed), description);
    }

    /**
     * The utility of group g.
     * @param g The group's index in {@code groups.groups()}.
     * @return The utility.
     */
    public Utility utility(int g) {
        return perGroup.get(g);
    }

    /**
     * The utility of each prompt type (none for a type whose groups differ).
     * @return The utilities.
     */
    public UtilityByType byType() {
        return byType;
    }

    /**
     * How many groups use each utility.
     * @return Spec to count, most used first.
     */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        perGroup.stream().map(Utility::spec).forEach(s -> counts.merge(s, 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * Checks that every utility is defined for mis-ordered pairs, as training needs (the singular {@code log} and
     * {@code inverse} need their shifted forms).
     * @throws IllegalArgumentException Naming the utility and its trainable form.
     */
    public void requireTrainable() {
        for (Utility u : new LinkedHashSet<>(perGroup)) {
            if (!Utilities.isTrainable(u)) {
                throw new IllegalArgumentException("utility '" + u.spec() + "' is undefined for mis-ordered pairs; "
                        + "training needs the shifted form, e.g. " + u.spec() + ",eps=" + Utilities.TRAINING_EPS);
            }
        }
    }

    /**
     * The utilities that grow without bound (on unbounded rewards, their objective has no maximum).
     * @return Their specs, sorted.
     */
    public Set<String> unboundedAbove() {
        Set<String> unbounded = new TreeSet<>();
        for (Utility u : perGroup) {
            if (!u.boundedAbove()) {
                unbounded.add(u.spec());
            }
        }
        return unbounded;
    }

    /**
     * How the utilities were chosen, in words (for logs and reports).
     * @return The description.
     */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "UtilityAssignment(byType=" + byType + ",description=" + description + ")";
    }
}
