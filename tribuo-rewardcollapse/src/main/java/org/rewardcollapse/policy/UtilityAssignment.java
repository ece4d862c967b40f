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

import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.utility.Utility;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The utility of every group in a training run, with a summary per prompt type and a description of how the
 * policy chose them.
 */
public final class UtilityAssignment {
    /** The summary key of groups without a prompt type. */
    public static final String UNTYPED = "*";
    /** The summary value of a type whose groups use different utilities. */
    public static final String MIXED = "mixed";

    private final List<Utility> perGroup;
    private final Map<String, String> byType;
    private final String description;

    private UtilityAssignment(List<Utility> perGroup, Map<String, String> byType, String description) {
        this.perGroup = perGroup;
        this.byType = byType;
        this.description = description;
    }

    /**
     * Builds an assignment and its summary per prompt type (the groups' own types; {@value #UNTYPED} for none).
     * @param groups The groups.
     * @param perGroup The utility of each group, aligned with {@code groups.groups()}.
     * @param description How the utilities were chosen.
     * @return The assignment.
     */
    public static UtilityAssignment of(RankingGroups groups, List<Utility> perGroup, String description) {
        if (perGroup.size() != groups.size()) {
            throw new IllegalArgumentException("expected " + groups.size() + " utilities, found " + perGroup.size());
        }
        Map<String, String> byType = new TreeMap<>();
        for (int g = 0; g < groups.size(); g++) {
            RankingGroup group = groups.groups().get(g);
            String spec = perGroup.get(g).spec();
            byType.merge(group.promptType().orElse(UNTYPED), spec, (a, b) -> a.equals(b) ? a : MIXED);
        }
        return new UtilityAssignment(List.copyOf(perGroup), java.util.Collections.unmodifiableMap(byType), description);
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
     * The utility spec of each prompt type, or {@value #MIXED} where a type's groups differ.
     * @return An unmodifiable sorted map.
     */
    public Map<String, String> byType() {
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
