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

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Whether a model learned more than length, in one line: its pairwise accuracy minus that of the better length rule
 * ("the longer response wins" or "the shorter response wins", whichever scores higher on the same prompts), with a 95%
 * percentile interval from a bootstrap over prompts (prompts drawn with replacement, each bringing all its pairs).
 * <pre>
 * Efron, Tibshirani, "An Introduction to the Bootstrap", Chapman &amp; Hall (1993), chapter 13 (percentile intervals).
 * </pre>
 * The prompts are resampled in the order of their ids with a fixed seed, so the same evaluation gives the same
 * interval however its groups were gathered (on one machine or merged from Spark partitions).
 *
 * @param rule The better length rule: {@value #LONGER} or {@value #SHORTER}.
 * @param modelAccuracy The model's pooled pairwise accuracy over the prompts with lengths.
 * @param ruleAccuracy The rule's.
 * @param difference {@code modelAccuracy - ruleAccuracy}.
 * @param lower The interval's lower end (2.5th percentile of the resampled differences).
 * @param upper Its upper end (97.5th percentile).
 * @param prompts The prompts resampled.
 * @param resamples The bootstrap resamples drawn.
 */
public record LengthVerdict(String rule, double modelAccuracy, double ruleAccuracy, double difference, double lower,
                            double upper, int prompts, int resamples) {
    /** The rule that ranks longer responses first. */
    public static final String LONGER = "longer-wins";
    /** The rule that ranks shorter responses first. */
    public static final String SHORTER = "shorter-wins";
    /** The bootstrap resamples drawn. */
    public static final int RESAMPLES = 2000;
    /** The seed of the resampling. */
    public static final long SEED = 20231;

    /**
     * The verdict in words, e.g. {@code beats the longer-wins rule by +0.031 (95% interval +0.012..+0.050, bootstrap
     * over 358 prompts)}.
     * @return The sentence.
     */
    public String text() {
        String interval = String.format(Locale.ROOT, "(95%% interval %s..%s, bootstrap over %d prompts)",
                bound(lower), bound(upper), prompts);
        if (lower > 0.0) {
            return String.format(Locale.ROOT, "beats the %s rule by %+.3f %s", rule, difference, interval);
        }
        if (upper < 0.0) {
            return String.format(Locale.ROOT, "does not beat the length rule: the %s rule is better by %.3f %s", rule,
                    -difference, interval);
        }
        return String.format(Locale.ROOT, "does not beat the length rule: %+.3f against the %s rule %s", difference,
                rule, interval);
    }

    /** A bound with 3 decimals, or enough digits that a bound near but not at zero does not print as +0.000. */
    private static String bound(double value) {
        double size = Math.abs(value);
        String format = size >= 0.0005 || value == 0.0 ? "%+.3f" : size >= 0.00005 ? "%+.4f" : "%+.1e";
        return String.format(Locale.ROOT, format, value);
    }

    /**
     * Does the model beat the better length rule (the whole interval above zero)?
     * @return True if so.
     */
    public boolean beatsLength() {
        return lower > 0.0;
    }

    /**
     * The verdict on some prompts.
     * @param perPrompt Per prompt id, its {@link Pairs}.
     * @return The verdict, or null when no prompt has an ordered pair.
     */
    public static LengthVerdict of(Map<String, Pairs> perPrompt) {
        Pairs[] prompts = new TreeMap<>(perPrompt).values().stream().filter(p -> p.pairs() > 0).toArray(Pairs[]::new);
        if (prompts.length == 0) {
            return null;
        }
        Pairs total = sum(prompts, null);
        boolean longer = total.longerCorrect() >= total.pairs() - total.longerCorrect();
        double[] differences = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(SEED);
        int[] draw = new int[prompts.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < draw.length; i++) {
                draw[i] = random.nextInt(prompts.length);
            }
            differences[b] = sum(prompts, draw).difference(longer);
        }
        Percentile percentile = new Percentile();
        return new LengthVerdict(longer ? LONGER : SHORTER, total.modelCorrect() / total.pairs(),
                total.ruleCorrect(longer) / total.pairs(), total.difference(longer),
                percentile.evaluate(differences, 2.5), percentile.evaluate(differences, 97.5), prompts.length,
                RESAMPLES);
    }

    private static Pairs sum(Pairs[] prompts, int[] draw) {
        double pairs = 0.0;
        double model = 0.0;
        double longerCorrect = 0.0;
        int n = draw == null ? prompts.length : draw.length;
        for (int i = 0; i < n; i++) {
            Pairs p = prompts[draw == null ? i : draw[i]];
            pairs += p.pairs();
            model += p.modelCorrect();
            longerCorrect += p.longerCorrect();
        }
        return new Pairs(pairs, model, longerCorrect);
    }

    /**
     * One prompt's strictly ordered pairs: how many, and how many the model and "the longer wins" order correctly
     * (ties count half; "the shorter wins" gets the rest).
     *
     * @param pairs The ordered pairs.
     * @param modelCorrect The model's correct pairs.
     * @param longerCorrect The longer-wins rule's correct pairs.
     */
    public record Pairs(double pairs, double modelCorrect, double longerCorrect) implements Serializable {
        double ruleCorrect(boolean longer) {
            return longer ? longerCorrect : pairs - longerCorrect;
        }

        double difference(boolean longer) {
            return (modelCorrect - ruleCorrect(longer)) / pairs;
        }
    }
}
