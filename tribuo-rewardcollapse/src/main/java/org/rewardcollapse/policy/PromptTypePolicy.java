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

import com.oracle.labs.mlrg.olcut.config.Config;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A utility per prompt type, read from the examples' prompt-type metadata: the paper's prompt-aware fix. The
 * paper's scheme is {@code open=inverse,closed=linear}: open-ended prompts spread their rewards (near uniform),
 * closed ones polarise them (right or wrong).
 * <p>
 * A group whose type has no utility is an error that names the type; a group without a type is an error unless
 * {@code untypedUtility} is set.
 */
public final class PromptTypePolicy implements UtilityPolicy {
    @Config(mandatory = true, description = "Utility spec per prompt type, e.g. {open: inverse, closed: linear}.")
    private Map<String, String> utilities;

    @Config(description = "Utility spec for groups without a prompt type (empty: such a group is an error).")
    private String untypedUtility = "";

    private TypeUtilities parsed;
    private Utility untyped;

    /**
     * For OLCUT.
     */
    private PromptTypePolicy() {}

    /**
     * Creates the policy; groups without a type are an error.
     * @param utilities Type to utility spec.
     */
    public PromptTypePolicy(Map<String, String> utilities) {
        this(utilities, "");
    }

    /**
     * Creates the policy.
     * @param utilities Type to utility spec.
     * @param untypedUtility The spec for groups without a type, or empty to reject them.
     */
    public PromptTypePolicy(Map<String, String> utilities, String untypedUtility) {
        this.utilities = Map.copyOf(utilities);
        this.untypedUtility = untypedUtility;
        postConfig();
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        parsed = new TypeUtilities("utilities", utilities);
        try {
            untyped = untypedUtility == null || untypedUtility.isBlank() ? null
                    : Utilities.parseForTraining(untypedUtility);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("untypedUtility: " + e.getMessage(), e);
        }
    }

    /**
     * The same policy with a utility for prompts without a type.
     * @param untypedUtility The utility spec.
     * @return The new policy.
     */
    public PromptTypePolicy withUntypedUtility(String untypedUtility) {
        return new PromptTypePolicy(utilities, untypedUtility);
    }

    /**
     * The utility spec of each prompt type, canonical (eps made explicit).
     * @return Type to spec, sorted by type.
     */
    public Map<String, String> utilities() {
        return parsed.specs();
    }

    @Override
    public UtilityAssignment assign(RankingGroups groups, List<? extends Example<Regressor>> examples) {
        List<Utility> perGroup = new ArrayList<>(groups.size());
        for (RankingGroup group : groups) {
            if (group.promptType().isPresent()) {
                perGroup.add(parsed.of(group.promptType().get(), group.promptId()));
            } else if (untyped != null) {
                perGroup.add(untyped);
            } else {
                throw InvalidSettingException.naming("prompt '" + group.promptId() + "' has no prompt type; the "
                        + "by-type policy " + spec() + " needs one: type prompts by rules ({0}) or give untyped prompts "
                        + "a utility ({1})", "typeRules", "untypedUtility");
            }
        }
        return UtilityAssignment.of(groups, perGroup, "utility by prompt type: " + spec());
    }

    @Override
    public Optional<UtilityByType> fixedUtilities() {
        return Optional.of(UtilityByType.of(parsed.utilities(), untyped, Set.of()));
    }

    @Override
    public String spec() {
        return parsed.spec() + (untyped == null ? "" : "," + UtilityByType.ANY_TYPE + "=" + untyped.spec());
    }

    @Override
    public String toString() {
        return "PromptTypePolicy(utilities=" + parsed.spec() + ",untypedUtility=" + untypedUtility + ")";
    }
}
