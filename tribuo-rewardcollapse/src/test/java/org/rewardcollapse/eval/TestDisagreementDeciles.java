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

import org.junit.jupiter.api.Test;
import org.rewardcollapse.model.GroupRewards;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accuracy by disagreement decile, against pairs built with known uncertainties and outcomes.
 */
class TestDisagreementDeciles {
    @Test
    void pairsAreBinnedByUncertaintyAndScoredByTheMeanRewards() {
        // 20 groups of two: group g has standard deviations (g, 0) so its one pair's uncertainty is g; the mean
        // rewards order it correctly when g is even, wrongly when g % 4 == 1, tie when g % 4 == 3.
        List<GroupRewards> groups = new ArrayList<>();
        Map<String, double[]> stds = new HashMap<>();
        for (int g = 0; g < 20; g++) {
            double[] rewards = g % 2 == 0 ? new double[]{1, 0} : g % 4 == 1 ? new double[]{0, 1} : new double[]{0, 0};
            groups.add(new GroupRewards("p" + g, null, new double[]{1, 0}, rewards));
            stds.put("p" + g, new double[]{g, 0});
        }
        List<DisagreementDeciles.Decile> deciles = DisagreementDeciles.of(groups, stds).absolute();
        assertEquals(10, deciles.size());
        for (int d = 0; d < 10; d++) {
            // decile d holds the pairs of groups 2d and 2d + 1: one right, and one wrong (2d + 1 = 1 mod 4) or tied
            DisagreementDeciles.Decile decile = deciles.get(d);
            assertEquals(d + 1, decile.decile());
            assertEquals(2, decile.pairs());
            assertEquals(2 * d, decile.fromUncertainty(), 0.0);
            assertEquals(2 * d + 1, decile.toUncertainty(), 0.0);
            assertEquals((2 * d + 1) % 4 == 1 ? 0.5 : 0.75, decile.accuracy(), 1e-12);
        }
        assertEquals(11, DisagreementDeciles.table(deciles).lines().count());
    }

    @Test
    void uncertaintyCombinesBothResponsesAndMissingSpreadsAreRefused() {
        List<GroupRewards> one = List.of(new GroupRewards("q", null, new double[]{2, 1, 0}, new double[]{3, 2, 1}));
        DisagreementDeciles.Disagreement both = DisagreementDeciles.of(one, Map.of("q", new double[]{3, 4, 0}));
        List<DisagreementDeciles.Decile> deciles = both.absolute();
        assertEquals(3, deciles.size());
        assertEquals(3.0, deciles.get(0).fromUncertainty(), 1e-12); // pair (0, 2): sqrt(9 + 0)
        assertEquals(4.0, deciles.get(1).fromUncertainty(), 1e-12); // pair (1, 2): sqrt(16 + 0)
        assertEquals(5.0, deciles.get(2).fromUncertainty(), 1e-12); // pair (0, 1): sqrt(9 + 16)
        // relative: over |r_i - r_j|: pair (0, 2) 3 / 2, pair (1, 2) 4 / 1, pair (0, 1) 5 / 1
        assertEquals(1.5, both.relative().get(0).fromUncertainty(), 1e-12);
        assertEquals(4.0, both.relative().get(1).fromUncertainty(), 1e-12);
        assertEquals(5.0, both.relative().get(2).fromUncertainty(), 1e-12);
        assertTrue(both.table().contains("sqrt(sd_i^2 + sd_j^2)"), both.table());
        assertThrows(IllegalArgumentException.class, () -> DisagreementDeciles.of(one, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DisagreementDeciles.of(one, Map.of("q", new double[2])));
    }

    @Test
    void membersGiveThePairsOwnDisagreementAbsoluteAndRelative() {
        // One pair: member rewards of the better response 1, 2, 3 and of the worse 0, 0, 0: differences 1, 2, 3,
        // sample standard deviation 1, mean 2, so 1 absolute and 0.5 relative. A second pair whose members all put it
        // backwards, differences -1, -1, -4: sd sqrt(3), mean -2 (the mean rewards order it wrongly).
        List<GroupRewards> groups = List.of(new GroupRewards("a", null, new double[]{1, 0}, new double[]{2, 0}),
                new GroupRewards("b", null, new double[]{1, 0}, new double[]{0, 2}));
        Map<String, double[][]> members = Map.of("a", new double[][]{{1, 2, 3}, {0, 0, 0}},
                "b", new double[][]{{0, 0, 0}, {1, 1, 4}});
        List<DisagreementDeciles.Decile> absolute = DisagreementDeciles.ofMembers(groups, members, false);
        assertEquals(1.0, absolute.get(0).fromUncertainty(), 1e-12);
        assertEquals(1.0, absolute.get(0).accuracy(), 0.0);
        assertEquals(Math.sqrt(3), absolute.get(1).fromUncertainty(), 1e-12);
        assertEquals(0.0, absolute.get(1).accuracy(), 0.0);
        List<DisagreementDeciles.Decile> relative = DisagreementDeciles.ofMembers(groups, members, true);
        assertEquals(0.5, relative.get(0).fromUncertainty(), 1e-12);
        assertEquals(Math.sqrt(3) / 2, relative.get(1).fromUncertainty(), 1e-12);
        assertEquals(absolute, DisagreementDeciles.ofMembers(groups, members));
    }
}
