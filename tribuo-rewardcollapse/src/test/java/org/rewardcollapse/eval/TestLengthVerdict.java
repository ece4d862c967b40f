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

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestLengthVerdict {
    /** Five prompts: pairs, the model's correct pairs, the longer-wins rule's correct pairs. */
    private static Map<String, LengthVerdict.Pairs> prompts() {
        Map<String, LengthVerdict.Pairs> prompts = new LinkedHashMap<>();
        prompts.put("e", new LengthVerdict.Pairs(15, 12, 9));
        prompts.put("a", new LengthVerdict.Pairs(15, 10, 11));
        prompts.put("c", new LengthVerdict.Pairs(6, 6, 3));
        prompts.put("b", new LengthVerdict.Pairs(10, 7, 5.5));
        prompts.put("d", new LengthVerdict.Pairs(3, 1, 2));
        return prompts;
    }

    @Test
    void theIntervalIsTheHandComputedPercentileBootstrapOverPrompts() {
        LengthVerdict verdict = LengthVerdict.of(prompts());
        // by hand: prompts in id order, 2,000 resamples of 5 prompts drawn with SplittableRandom(SEED)
        double[][] byId = {{15, 10, 11}, {10, 7, 5.5}, {6, 6, 3}, {3, 1, 2}, {15, 12, 9}};
        double pairs = 49;
        double model = 36;
        double longer = 30.5;
        assertEquals("longer-wins", verdict.rule(), "30.5 of 49 pairs: longer wins beats shorter wins");
        assertEquals(36 / 49.0, verdict.modelAccuracy(), 1e-15);
        assertEquals(30.5 / 49.0, verdict.ruleAccuracy(), 1e-15);
        assertEquals((model - longer) / pairs, verdict.difference(), 1e-15);
        SplittableRandom random = new SplittableRandom(LengthVerdict.SEED);
        double[] differences = new double[LengthVerdict.RESAMPLES];
        for (int b = 0; b < differences.length; b++) {
            double p = 0;
            double m = 0;
            double l = 0;
            for (int i = 0; i < byId.length; i++) {
                double[] drawn = byId[random.nextInt(byId.length)];
                p += drawn[0];
                m += drawn[1];
                l += drawn[2];
            }
            differences[b] = (m - l) / p;
        }
        Arrays.sort(differences);
        assertEquals(percentile(differences, 2.5), verdict.lower(), 1e-15);
        assertEquals(percentile(differences, 97.5), verdict.upper(), 1e-15);
        assertEquals(5, verdict.prompts());
        assertTrue(verdict.lower() < verdict.difference() && verdict.difference() < verdict.upper());
    }

    /** The p-th percentile of sorted values by the estimate pos = p (n + 1) / 100, interpolated (Commons Math's default). */
    private static double percentile(double[] sorted, double p) {
        double position = p * (sorted.length + 1) / 100.0;
        int below = (int) Math.floor(position);
        double fraction = position - below;
        if (below < 1) {
            return sorted[0];
        }
        if (below >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[below - 1] + fraction * (sorted[below] - sorted[below - 1]);
    }

    @Test
    void theSentenceSaysWhetherTheModelBeatsTheBetterLengthRule() {
        Map<String, LengthVerdict.Pairs> better = new LinkedHashMap<>();
        Map<String, LengthVerdict.Pairs> worse = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            better.put("p" + i, new LengthVerdict.Pairs(6, 5, 3 + i % 2));
            worse.put("p" + i, new LengthVerdict.Pairs(6, 1, 3 + i % 2));
        }
        LengthVerdict beats = LengthVerdict.of(better);
        assertTrue(beats.beatsLength());
        assertTrue(beats.text().startsWith("beats the longer-wins rule by +0.250 (95% interval +0."), beats.text());
        assertTrue(beats.text().endsWith(", bootstrap over 40 prompts)"), beats.text());
        LengthVerdict loses = LengthVerdict.of(worse);
        assertFalse(loses.beatsLength());
        assertTrue(loses.text().startsWith("does not beat the length rule: the longer-wins rule is better by 0.417"),
                loses.text());
        LengthVerdict tie = LengthVerdict.of(prompts());
        assertFalse(tie.beatsLength());
        assertTrue(tie.text().startsWith("does not beat the length rule: +0.112 against the longer-wins rule"),
                tie.text());
    }

    @Test
    void whereTheShorterWinsItIsTheRuleToBeat() {
        Map<String, LengthVerdict.Pairs> shorterBetter = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            shorterBetter.put("p" + i, new LengthVerdict.Pairs(3, 2, 1));
        }
        LengthVerdict verdict = LengthVerdict.of(shorterBetter);
        assertEquals("shorter-wins", verdict.rule());
        assertEquals(0.0, verdict.difference(), 1e-15, "2 of 3 for both");
        assertEquals(0.0, verdict.lower(), 1e-15, "every prompt is the same: a degenerate interval");
        assertEquals(0.0, verdict.upper(), 1e-15);
    }

    @Test
    void theVerdictDoesNotDependOnHowGroupsWereGatheredAndNeedsLengths() {
        List<GroupRewards> groups = List.of(
                new GroupRewards("q1", null, new double[]{2, 1, 0}, new double[]{0.9, 0.1, 0.5}),
                new GroupRewards("q2", null, new double[]{1, 0}, new double[]{0.2, 0.3}),
                new GroupRewards("q3", null, new double[]{0, 1, 2}, new double[]{0.1, 0.2, 0.3}));
        List<double[]> lengths = List.of(new double[]{10, 30, 20}, new double[]{5, 50}, new double[]{7, 7, 9});
        MetricSums forward = new MetricSums();
        for (int i = 0; i < groups.size(); i++) {
            forward.add(groups.get(i), lengths.get(i), 10);
        }
        MetricSums merged = new MetricSums().add(groups.get(2), lengths.get(2), 10)
                .merge(new MetricSums().add(groups.get(1), lengths.get(1), 10).add(groups.get(0), lengths.get(0), 10));
        assertEquals(forward.lengthVerdict(), merged.lengthVerdict());
        assertEquals(forward.metrics(10).pairwiseAccuracy(), forward.lengthVerdict().modelAccuracy(), 1e-15);
        assertEquals(forward.lengthBaselines().longerWins(), forward.lengthVerdict().ruleAccuracy(), 1e-15);
        assertNull(new MetricSums().add(groups.get(0), null, 10).lengthVerdict(), "no lengths, no verdict");
    }

    @Test
    void aBoundNearButNotAtZeroKeepsItsSign() {
        LengthVerdict near = new LengthVerdict(LengthVerdict.LONGER, 0.76, 0.73, 0.029, 0.0003, 0.057, 72, 2000);
        assertTrue(near.text().contains("(95% interval +0.0003..+0.057,"), near.text());
        LengthVerdict nearer = new LengthVerdict(LengthVerdict.LONGER, 0.76, 0.73, 0.029, 2e-6, 0.057, 72, 2000);
        assertTrue(nearer.text().contains("(95% interval +2.0e-06..+0.057,"), nearer.text());
        LengthVerdict below = new LengthVerdict(LengthVerdict.LONGER, 0.72, 0.73, -0.01, -0.02, -0.0004, 72, 2000);
        assertTrue(below.text().contains("-0.020..-0.0004,"), below.text());
    }
}
