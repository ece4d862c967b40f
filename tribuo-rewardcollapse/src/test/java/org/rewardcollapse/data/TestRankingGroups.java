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
package org.rewardcollapse.data;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRankingGroups {

    static Example<Regressor> example(String group, String type, double score) {
        return RankingMetadata.example(group, type, score, List.of(new Feature("x", score + 1)),
                RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
    }

    @Test
    void pairsMatchBruteForceWithTiesAndSkipsUninformativeGroups() {
        Random random = new Random(7);
        List<Example<Regressor>> examples = new ArrayList<>();
        for (int g = 0; g < 40; g++) {
            int n = 1 + random.nextInt(9);
            for (int i = 0; i < n; i++) {
                examples.add(example("g" + g, g % 2 == 0 ? "open" : "closed", random.nextInt(4)));
            }
        }
        examples.add(example("tied", null, 1.0));
        examples.add(example("tied", null, 1.0));
        RankingGroups view = RankingGroups.of(examples, "prompt_id", "prompt_type");
        int singletons = 0;
        int tied = 0;
        long pairs = 0;
        List<String> ids = new ArrayList<>();
        for (int g = -1; g < 40; g++) {
            String id = g < 0 ? "tied" : "g" + g;
            List<Double> scores = examples.stream().filter(e -> e.getMetadataValue("prompt_id").orElseThrow().equals(id))
                    .map(e -> e.getOutput().getValues()[0]).toList();
            long bruteForce = 0;
            for (int i = 0; i < scores.size(); i++) {
                for (int j = i + 1; j < scores.size(); j++) {
                    bruteForce += scores.get(i).equals(scores.get(j)) ? 0 : 1;
                }
            }
            if (scores.size() == 1) {
                singletons++;
            } else if (bruteForce == 0) {
                tied++;
            } else if (g >= 0) {
                ids.add(id);
            }
            pairs += bruteForce;
        }
        assertEquals(singletons, view.singletonGroups());
        assertEquals(tied, view.tiedGroups());
        assertEquals(pairs, view.numPairs());
        assertEquals(ids, view.groups().stream().map(RankingGroup::promptId).toList());
        for (RankingGroup group : view) {
            double[] scores = group.scores();
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < group.numPairs(); k++) {
                assertTrue(scores[group.better(k)] > scores[group.worse(k)]);
                assertTrue(seen.add(group.better(k) + ">" + group.worse(k)));
                assertEquals(group.promptId(), examples.get(group.exampleIndex(group.better(k)))
                        .getMetadataValue("prompt_id").orElseThrow());
            }
            assertEquals(RankingGroup.orderedPairCount(scores), group.numPairs());
        }
    }

    @Test
    void missingGroupIdAndMixedTypesAreErrors() {
        List<Example<Regressor>> mixed = List.of(example("a", "open", 1), example("a", "closed", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankingGroups.of(mixed, "prompt_id", "prompt_type"));
        assertTrue(e.getMessage().contains("mixes prompt types"), e.getMessage());
        List<Example<Regressor>> noId = List.of(example("a", "open", 1));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RankingGroups.of(noId, "group", "prompt_type"));
        assertTrue(missing.getMessage().contains("example 0 has no 'group' metadata"), missing.getMessage());
    }
}
