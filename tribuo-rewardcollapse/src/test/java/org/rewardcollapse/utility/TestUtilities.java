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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestUtilities {

    @ParameterizedTest
    @ValueSource(strings = {"linear", "log", "inverse", "power:0.5", "neg-power:0.5", "log-sigmoid:0.25",
            "log,eps=0.1", "inverse,eps=0.1", "power:0.3,eps=0.05", "neg-power:2,eps=0.1", "power:2"})
    void derivativesMatchFiniteDifferencesAndSpecsRoundTrip(String spec) {
        Utility u = Utilities.parse(spec);
        assertEquals(spec, u.spec());
        assertEquals(u.spec(), Utilities.parse(u.spec()).spec());
        for (double x : new double[]{-0.4, -0.05, 0.03, 0.2, 0.5, 0.9}) {
            if (x <= 0 && u instanceof ShiftedUtility shifted && shifted.eps == 0.0) {
                continue; // the pure families are defined for x > 0 only
            }
            double h = 1e-6;
            double numeric = (u.value(x + h) - u.value(x - h)) / (2 * h);
            assertEquals(numeric, u.derivative(x), 1e-6 * Math.max(1, Math.abs(numeric)), spec + " U' at " + x);
            double numeric2 = (u.derivative(x + h) - u.derivative(x - h)) / (2 * h);
            assertEquals(numeric2, u.secondDerivative(x), 1e-4 * Math.max(1, Math.abs(numeric2)), spec + " U'' at " + x);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "log", "power:0.5", "log-sigmoid:0.25", "log-sigmoid:0.01", "log-sigmoid:1000",
            "inverse,eps=0.1"})
    void derivativesTogetherEqualTheSeparateCalls(String spec) {
        Utility u = Utilities.parse(spec);
        double[] out = new double[2];
        for (double x : new double[]{-3.0, -0.4, -1e-9, -0.0, 0.0, 1e-300, 0.03, 0.2, 0.5, 1.0, 40.0}) {
            if (x <= 0 && u instanceof ShiftedUtility shifted && shifted.eps == 0.0) {
                continue;
            }
            u.derivatives(x, out);
            // Equal, not close: the Newton steps of the theory engine use one where they used the other.
            assertEquals(u.derivative(x), out[0], 0.0, spec + " U' at " + x);
            assertEquals(u.secondDerivative(x), out[1], 0.0, spec + " U'' at " + x);
        }
    }

    @ParameterizedTest
    @CsvSource({"linear, false", "'log,eps=0.1', false", "'power:0.5,eps=0.1', false", "power:2, false",
            "'inverse,eps=0.1', true", "'neg-power:0.5,eps=0.1', true", "log-sigmoid:1, true", "log-sigmoid:0.25, true"})
    void boundedAboveSaysWhetherUnboundedRewardsHaveAnOptimum(String spec, boolean bounded) {
        Utility u = Utilities.parse(spec.strip());
        // Independently: a utility bounded above gains almost nothing between 1e4 and 1e8; one that is not gains a lot.
        double gain = u.value(1e8) - u.value(1e4);
        assertEquals(bounded, gain < 0.01, spec + " gains " + gain);
        assertEquals(bounded, u.boundedAbove(), spec);
    }

    @Test
    void paperShiftedFormsAreC1AtZero() {
        Utility log = Utilities.parse("log,eps=0.1");
        assertEquals(Math.log(0.3) - Math.log(0.1), log.value(0.2), 1e-15);
        assertEquals(-0.2 / 0.1, log.value(-0.2), 1e-15);
        Utility inverse = Utilities.parse("inverse,eps=0.1");
        assertEquals(1 / 0.1 - 1 / 0.3, inverse.value(0.2), 1e-12);
        assertEquals(-0.2 / 0.01, inverse.value(-0.2), 1e-12);
        for (Utility u : new Utility[]{log, inverse, Utilities.parse("neg-power:0.5,eps=0.2")}) {
            assertEquals(0.0, u.value(0.0));
            assertEquals(u.derivative(-1e-12), u.derivative(1e-12), 1e-6);
        }
        Utility ls = Utilities.parse("log-sigmoid:0.25");
        assertEquals(Math.log(1 / (1 + Math.exp(-4 * 0.3))), ls.value(0.3), 1e-15);
        assertEquals(-800.0, ls.value(-200), 1e-9, "no overflow for large negative differences");
    }

    @ParameterizedTest
    @CsvSource({"0.25,power:0.5", "0.5,log", "0.75,neg-power:0.5", "1,inverse", "0.1,power:0.8"})
    void inverseMapGivesTheUtilityWhoseLimitIsTheShape(double a, String expected) {
        Utility u = Utilities.forBetaShape(a);
        assertEquals(expected, u.spec());
        assertEquals(a, u.limitShape().betaShape(), 1e-12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cubic|unknown utility 'cubic'",
            "power|power needs a parameter",
            "power:x|G must be a number",
            "power:0|G in (0, 100]",
            "neg-power:-2|G in (0, 100]",
            "neg-power:1000|G in (0, 100]",
            "log-sigmoid:0|S in [0.01, 1000000]",
            "log-sigmoid:0.0001|S in [0.01, 1000000]",
            "log-sigmoid:1e300|S in [0.01, 1000000]",
            "log,eps=-1|eps must be 0 or in [0.000001, 1000000]",
            "log,eps=1e308|eps must be 0 or in [0.000001, 1000000]",
            "inverse,eps=1e-310|eps must be 0 or in [0.000001, 1000000]",
            "power:0.5,eps=1e-320|eps must be 0 or in [0.000001, 1000000]",
            "log-sigmoid:1,eps=0.1|takes no eps",
            "log:2|log takes no parameter",
            "inverse,tau=3|only eps=E"})
    void badSpecsNameTheSpecAndTheProblem(String spec, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Utilities.parse(spec));
        assertTrue(e.getMessage().startsWith("utility '" + spec + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void limitShapesFollowThePaperTable() {
        assertEquals(0.25, Utilities.parse("power:0.5").limitShape().betaShape(), 1e-15);
        assertEquals(0.5, Utilities.parse("log").limitShape().betaShape());
        assertEquals(0.75, Utilities.parse("neg-power:0.5").limitShape().betaShape(), 1e-15);
        assertEquals(1.0, Utilities.parse("inverse").limitShape().betaShape());
        assertEquals(1.0, Utilities.parse("neg-power:3").limitShape().betaShape());
        assertEquals(LimitShape.TWO_POINT, Utilities.parse("linear").limitShape());
        assertEquals(LimitShape.TWO_POINT, Utilities.parse("power:2").limitShape());
        assertEquals(LimitShape.ATOMS_AND_CONTINUUM, Utilities.parse("log-sigmoid:1").limitShape());
        assertEquals(LimitShape.UNKNOWN, Utilities.parse("log,eps=0.1").limitShape());
    }
}
