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

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

import java.util.List;
import java.util.Optional;

/**
 * Picks the utility U that each prompt group is trained with. Trainers call {@link #assign} once per training run,
 * on the training data; a policy is configured with OLCUT so that it is recorded in, and rebuilt from, the
 * trainer's provenance.
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025): the prompt-aware utility.
 * </pre>
 */
public interface UtilityPolicy extends Configurable, Provenancable<ConfiguredObjectProvenance> {
    /**
     * Assigns a utility to every group.
     * @param groups The groups, built from {@code examples}.
     * @param examples The examples the groups index into.
     * @return The assignment, aligned with {@code groups.groups()}.
     * @throws IllegalArgumentException If the data does not fit the policy (for example a prompt type with no
     *                                  utility), with a message naming the type or group.
     */
    UtilityAssignment assign(RankingGroups groups, List<? extends Example<Regressor>> examples);

    /**
     * The utility of each prompt type when the policy fixes it whatever the data (a fixed utility, a map by type);
     * automatic policies choose from the data and have none.
     * @return The utilities, or empty.
     */
    default Optional<UtilityByType> fixedUtilities() {
        return Optional.empty();
    }

    /**
     * The policy as a spec string, as {@link Policies#parse} reads it.
     * @return The spec.
     */
    String spec();

    /**
     * The policy's configuration, recorded in the trainer's provenance.
     * @return The provenance.
     */
    @Override
    default ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "UtilityPolicy");
    }
}
