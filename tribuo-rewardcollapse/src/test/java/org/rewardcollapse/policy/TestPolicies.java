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

import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestPolicies {
    private static final MutableDataset<Regressor> BENCHMARK = new MutableDataset<>(
            new SyntheticRankingSource(200, 0.5, 3L, ResponseFeaturizer.defaults()));
    private static final RankingGroups GROUPS = RankingGroups.of(BENCHMARK);

    @Test
    void specsParseToTheirPolicies() {
        assertEquals("inverse,eps=0.1", Policies.parse("inverse").spec());
        assertEquals("log,eps=0.05", Policies.parse("log,eps=0.05").spec());
        UtilityPolicy paper = Policies.parse("open=inverse,closed=linear");
        assertInstanceOf(PromptTypePolicy.class, paper);
        assertEquals("closed=linear,open=inverse,eps=0.1", paper.spec());
        assertEquals("closed=linear,open=inverse,eps=0.2", Policies.parse("open=inverse,eps=0.2,closed=linear").spec());
        assertEquals("auto:cardinal,pool=prompt_type", Policies.parse("auto:cardinal,pool=prompt_type").spec());
        assertEquals("auto:cardinal", Policies.parse("auto").spec());
        assertEquals("auto:classifier,closed=linear,open=inverse,eps=0.1",
                Policies.parse("auto:classifier,fraction=0.5,open=inverse,closed=linear").spec());
        for (String bad : new String[]{"", "cubic", "open=cubic", "auto:magic", "auto:cardinal,open=linear",
                "auto:classifier", "open=inverse,open=linear", "log,eps=0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policies.parse(bad));
            assertTrue(e.getMessage().contains("policy") || e.getMessage().contains("utility"), e.getMessage());
        }
    }

    @Test
    void byTypePolicyGivesEachTypeItsUtility() {
        UtilityAssignment assignment = Policies.parse("open=inverse,closed=linear").assign(GROUPS, BENCHMARK.getData());
        assertEquals(Map.of("closed", "linear", "open", "inverse,eps=0.1"), assignment.byType().toSpecs());
        for (int g = 0; g < GROUPS.size(); g++) {
            String type = GROUPS.groups().get(g).promptType().orElseThrow();
            assertEquals(type.equals("open") ? "inverse,eps=0.1" : "linear", assignment.utility(g).spec());
        }
    }

    @Test
    void untypedGroupsAreAnErrorUnlessAFallbackIsSet() {
        List<Example<Regressor>> examples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ArrayExample<Regressor> example = new ArrayExample<>(new Regressor("reward", i),
                    Map.of(RankingMetadata.DEFAULT_PROMPT_ID_KEY, "p"));
            example.add("x", i);
            examples.add(example);
        }
        RankingGroups groups = RankingGroups.of(examples, "prompt_id", "prompt_type");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PromptTypePolicy(Map.of("open", "inverse")).assign(groups, examples));
        assertTrue(e.getMessage().contains("prompt 'p' has no prompt type"), e.getMessage());
        assertEquals("log-sigmoid:1", new PromptTypePolicy(Map.of("open", "inverse"), "log-sigmoid:1")
                .assign(groups, examples).utility(0).spec());
    }

    @Test
    void cardinalPolicyReadsTheShapeOfTheTruncationLengths() {
        CardinalShapePolicy pooled = new CardinalShapePolicy("prompt_type", 0.1, 10, 1L);
        List<CardinalShapePolicy.PoolFit> fits = pooled.fitPools(GROUPS, BENCHMARK.getData());
        assertEquals(2, fits.size());
        for (CardinalShapePolicy.PoolFit fit : fits) {
            assertEquals(8, fit.size());
            assertEquals(0.0, fit.bootstrapSd(), "every group of a class has the same lengths");
            if (fit.pool().equals(TruncationBenchmark.OPEN)) {
                // L = 10..80 are evenly spaced: the inverse utility's near-uniform optimum.
                assertEquals(1.0, fit.fit().shape(), 1e-9);
                assertEquals("inverse,eps=0.1", fit.fit().utility().spec());
            } else {
                // L = 16..34, 56..74: two clusters, more spread at the ends than uniform, yet far from two points.
                assertTrue(fit.fit().shape() > 0.5 && fit.fit().shape() < 1.0, "closed shape " + fit.fit().shape());
            }
        }
        UtilityAssignment perPrompt = new CardinalShapePolicy("", 0.1, 0, 1L).assign(GROUPS, BENCHMARK.getData());
        assertEquals("inverse,eps=0.1", perPrompt.byType().toSpecs().get("open"));
        assertTrue(perPrompt.byType().toSpecs().get("closed").startsWith("neg-power:"), perPrompt.byType().toString());
    }

    @Test
    void classifierPolicyLearnsTypesFromAFewLabels() {
        // The prompt text alone tells the classes apart (their suffixes); response words would only add noise.
        UtilityPolicy policy = Policies.parse("auto:classifier,features=prompt-,fraction=0.1,open=inverse,closed=linear");
        UtilityAssignment assignment = policy.assign(GROUPS, BENCHMARK.getData());
        assertTrue(assignment.description().contains("trained on 20 labelled prompts"), assignment.description());
        assertTrue(assignment.description().contains("held-out accuracy 1.0000 on 180"), assignment.description());
        assertEquals(Map.of("closed", "linear", "open", "inverse,eps=0.1"), assignment.byType().toSpecs());
    }
}
