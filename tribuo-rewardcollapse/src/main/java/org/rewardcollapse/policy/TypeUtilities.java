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

import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A checked map from prompt type to utility, as the by-type policies configure it.
 */
final class TypeUtilities {
    private final Map<String, Utility> utilities;

    /**
     * Parses a map of utility specs.
     * @param field The configuration field, for messages.
     * @param specs Type to spec.
     * @throws IllegalArgumentException If the map is empty or a spec is bad (naming the type).
     */
    TypeUtilities(String field, Map<String, String> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new IllegalArgumentException(field + " must map at least one prompt type to a utility, e.g. "
                    + "open=inverse,closed=linear");
        }
        Map<String, Utility> parsed = new TreeMap<>();
        for (Map.Entry<String, String> entry : specs.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank()) {
                throw new IllegalArgumentException(field + " has an empty prompt type");
            }
            try {
                parsed.put(entry.getKey(), Utilities.parseForTraining(entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ", prompt type '" + entry.getKey() + "': " + e.getMessage(), e);
            }
        }
        this.utilities = parsed;
    }

    /**
     * The utility of a type.
     * @param type The prompt type.
     * @param promptId The group, for the message.
     * @return The utility.
     * @throws IllegalArgumentException If the type has no utility.
     */
    Utility of(String type, String promptId) {
        Utility u = utilities.get(type);
        if (u == null) {
            throw new IllegalArgumentException("prompt type '" + type + "' (prompt '" + promptId
                    + "') has no utility; the policy maps " + types());
        }
        return u;
    }

    /**
     * The utility of each type.
     * @return Type to utility, sorted by type.
     */
    Map<String, Utility> utilities() {
        return utilities;
    }

    /**
     * The mapped types.
     * @return The types, sorted.
     */
    Set<String> types() {
        return utilities.keySet();
    }

    /**
     * The canonical spec of each type's utility.
     * @return Type to spec, sorted by type.
     */
    Map<String, String> specs() {
        Map<String, String> specs = new TreeMap<>();
        utilities.forEach((type, u) -> specs.put(type, u.spec()));
        return specs;
    }

    /**
     * The map as a spec, e.g. {@code closed=linear,open=inverse,eps=0.1}.
     * @return The spec.
     */
    String spec() {
        return utilities.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().spec())
                .collect(Collectors.joining(","));
    }
}
