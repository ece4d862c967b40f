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
package org.rewardcollapse.utility;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The utility each prompt type trained with, as a trained model keeps it and evaluation reads it: a utility per
 * type, one for every other prompt (all prompts, for a fixed utility; prompts without a type of their own entry), and
 * the types whose prompts trained with different utilities (an automatic policy), which have none. Immutable.
 * <p>
 * Utilities travel typed; spec strings exist only at the file formats' edge ({@link #toSpecs()},
 * {@link #fromSpecs(Map)}), where {@value #ANY_TYPE} keys the utility of every other prompt and {@value #MIXED}
 * marks a type with several.
 */
public final class UtilityByType {
    /** The spec-map key of the utility of every prompt without an entry of its own type. */
    public static final String ANY_TYPE = "*";
    /** The spec-map value of a type whose prompts trained with different utilities. */
    public static final String MIXED = "mixed";
    /** No utility known (a model not trained by this project, or a scores file). */
    public static final UtilityByType NONE = new UtilityByType(Map.of(), null, Set.of());

    private final Map<String, Utility> byType;
    private final Utility others;
    private final Set<String> mixed;

    private UtilityByType(Map<String, Utility> byType, Utility others, Set<String> mixed) {
        this.byType = Collections.unmodifiableMap(new TreeMap<>(byType));
        this.others = others;
        this.mixed = Collections.unmodifiableSet(new TreeSet<>(mixed));
    }

    /**
     * One utility for every prompt.
     * @param utility The utility.
     * @return The map.
     */
    public static UtilityByType everyPrompt(Utility utility) {
        return new UtilityByType(Map.of(), Objects.requireNonNull(utility, "utility"), Set.of());
    }

    /**
     * A utility per type.
     * @param byType Type to utility.
     * @param others The utility of every other prompt, or null for none.
     * @param mixed Types whose prompts trained with different utilities.
     * @return The map.
     * @throws IllegalArgumentException If a type is both mapped and mixed, or empty.
     */
    public static UtilityByType of(Map<String, Utility> byType, Utility others, Set<String> mixed) {
        for (String type : byType.keySet()) {
            if (type == null || type.isEmpty() || type.equals(ANY_TYPE) || mixed.contains(type)) {
                throw new IllegalArgumentException("prompt type '" + type + "' cannot be mapped here");
            }
        }
        return new UtilityByType(byType, others, mixed);
    }

    /**
     * The utility a prompt of a type trained with.
     * @param type The prompt type, or null for a prompt without one.
     * @return The utility, or empty when none is known or the type's prompts trained with several.
     */
    public Optional<Utility> forType(String type) {
        if (type != null && byType.containsKey(type)) {
            return Optional.of(byType.get(type));
        }
        if (type != null && mixed.contains(type)) {
            return Optional.empty();
        }
        return Optional.ofNullable(others);
    }

    /**
     * The types with a utility of their own.
     * @return Type to utility, sorted by type.
     */
    public Map<String, Utility> types() {
        return byType;
    }

    /**
     * The utility of every other prompt.
     * @return The utility, if any.
     */
    public Optional<Utility> others() {
        return Optional.ofNullable(others);
    }

    /**
     * The types whose prompts trained with different utilities.
     * @return The types, sorted.
     */
    public Set<String> mixed() {
        return mixed;
    }

    /**
     * Is nothing known?
     * @return True when no prompt has a utility.
     */
    public boolean isEmpty() {
        return byType.isEmpty() && others == null && mixed.isEmpty();
    }

    /**
     * The map as spec strings, for files: {@value #ANY_TYPE} keys the utility of every other prompt, {@value #MIXED}
     * marks a mixed type.
     * @return Key to spec, sorted.
     */
    public Map<String, String> toSpecs() {
        Map<String, String> specs = new TreeMap<>();
        byType.forEach((type, u) -> specs.put(type, u.spec()));
        mixed.forEach(type -> specs.put(type, MIXED));
        if (others != null) {
            specs.put(ANY_TYPE, others.spec());
        }
        return specs;
    }

    /**
     * Reads the spec strings of {@link #toSpecs()}.
     * @param specs Key to spec.
     * @return The map.
     * @throws IllegalArgumentException If a spec is not a utility, naming its key.
     */
    public static UtilityByType fromSpecs(Map<String, String> specs) {
        Map<String, Utility> byType = new LinkedHashMap<>();
        Set<String> mixed = new TreeSet<>();
        Utility others = null;
        for (Map.Entry<String, String> entry : specs.entrySet()) {
            Utility u = null;
            if (!entry.getValue().equals(MIXED)) {
                try {
                    u = Utilities.parse(entry.getValue());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the utility of prompt type '" + entry.getKey() + "': "
                            + e.getMessage(), e);
                }
            }
            if (entry.getKey().equals(ANY_TYPE)) {
                others = u;
            } else if (u == null) {
                mixed.add(entry.getKey());
            } else {
                byType.put(entry.getKey(), u);
            }
        }
        return of(byType, others, mixed);
    }

    /**
     * The distinct utilities in use.
     * @return The utilities.
     */
    public Set<Utility> distinct() {
        Set<Utility> all = new java.util.LinkedHashSet<>(byType.values());
        if (others != null) {
            all.add(others);
        }
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UtilityByType other && toSpecs().equals(other.toSpecs());
    }

    @Override
    public int hashCode() {
        return toSpecs().hashCode();
    }

    @Override
    public String toString() {
        return toSpecs().toString();
    }
}
