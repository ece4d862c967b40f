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
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One utility for every prompt: the usual ranking loss, which collapses every prompt to the same reward
 * distribution in the interpolating regime.
 */
public final class FixedUtilityPolicy implements UtilityPolicy {
    @Config(mandatory = true, description = "Utility spec, e.g. log-sigmoid:1, linear, inverse (read as inverse,eps=0.1).")
    private String utility;

    private Utility parsed;

    /**
     * For OLCUT.
     */
    private FixedUtilityPolicy() {}

    /**
     * Creates the policy.
     * @param utility The utility spec (see {@link Utilities#parseForTraining}).
     */
    public FixedUtilityPolicy(String utility) {
        this.utility = utility;
        postConfig();
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        try {
            parsed = Utilities.parseForTraining(utility);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("utility: " + e.getMessage(), e);
        }
    }

    /**
     * The utility.
     * @return The parsed utility.
     */
    public Utility utility() {
        return parsed;
    }

    @Override
    public UtilityAssignment assign(RankingGroups groups, List<? extends Example<Regressor>> examples) {
        return UtilityAssignment.of(groups, Collections.nCopies(groups.size(), parsed), "fixed utility " + parsed.spec());
    }

    @Override
    public Optional<UtilityByType> fixedUtilities() {
        return Optional.of(UtilityByType.everyPrompt(parsed));
    }

    @Override
    public String spec() {
        return parsed.spec();
    }

    @Override
    public String toString() {
        return "FixedUtilityPolicy(utility=" + parsed.spec() + ")";
    }
}
