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
package org.rewardcollapse.theory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.rewardcollapse.utility.Utilities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestShapeFit {
    @ParameterizedTest
    @CsvSource({"0.2, 8, 0.0", "0.5, 8, 0.1", "0.73, 12, 0.1", "1.0, 8, 0.1", "0.35, 30, 0.0"})
    void recoversTheShapeOfAnExactOptimum(double a, int n, double eps) {
        double[] optimum = new InterpolatingSolver().solve(Utilities.forBetaShape(a, eps), n).rewards();
        ShapeFit.Fit fit = new ShapeFit(eps).fit(optimum, true);
        assertEquals(a, fit.shape(), 2e-3);
        assertTrue(fit.distance() < 1e-3, "distance " + fit.distance());
    }

    @Test
    void polarisedScoresGiveTheLinearUtility() {
        ShapeFit.Fit fit = new ShapeFit(0.1).fit(new double[]{0, 0, 0.05, 0.02, 0.97, 1, 1, 1}, true);
        assertEquals(0.0, fit.shape());
        assertEquals("linear", fit.utility().spec());
    }

    @Test
    void evenlySpacedScoresAreNearTheInverseOptimumAtSmallN() {
        double[] uniform = {0, 1 / 7.0, 2 / 7.0, 3 / 7.0, 4 / 7.0, 5 / 7.0, 6 / 7.0, 1};
        ShapeFit.Fit fit = new ShapeFit(0.0).fit(uniform, true);
        assertEquals(1.0, fit.shape(), 1e-3);
        assertEquals("inverse", fit.utility().spec());
        double inverseDistance = Profiles.supDistance(uniform, new InterpolatingSolver().solve(Utilities.parse("inverse"), 8).rewards());
        assertTrue(inverseDistance < 0.03, "sup distance " + inverseDistance);
    }

    @Test
    void quantileGridKeepsAProfileOfItsOwnLengthAndSpreadsShorterOnes() {
        double[] profile = {0.1, 0.4, 0.9};
        assertArrayEquals(profile, Profiles.onGrid(profile, 3));
        assertArrayEquals(new double[]{0.1, 0.1, 0.4, 0.4, 0.9, 0.9}, Profiles.onGrid(profile, 6));
        assertArrayEquals(new double[]{0.4}, Profiles.onGrid(profile, 1));
    }
}
