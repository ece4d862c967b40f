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
package org.rewardcollapse.data.features;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rewardcollapse.data.features.ResponseStyle.*;

/**
 * Style values of small texts counted by hand.
 */
class TestResponseStyle {
    private static final double TOLERANCE = 1e-12;

    private static double value(String text, ResponseStyle style) {
        return rawValues(text)[style.ordinal()];
    }

    @Test
    void aMarkdownListIsCountedLineByLine() {
        String text = "# Plan\n\n1. Buy **milk**.\n2) Buy bread\n- eggs\n* more eggs\n\u2022 jam\n```\ncode\n```\n";
        // non-blank lines: "# Plan", "1. Buy **milk**.", "2) Buy bread", "- eggs", "* more eggs", "\u2022 jam", "```",
        // "code", "```" = 9, of which 8 distinct
        assertEquals(Math.log1p(9), value(text, LINES), TOLERANCE);
        assertEquals(1.0 - 8.0 / 9.0, value(text, REPEATED_LINES), TOLERANCE);
        assertEquals(Math.log1p(3), value(text, BULLETS), TOLERANCE);
        assertEquals(Math.log1p(2), value(text, NUMBERED), TOLERANCE);
        assertEquals(Math.log1p(1), value(text, HEADERS), TOLERANCE);
        assertEquals(Math.log1p(1), value(text, BOLD), TOLERANCE);
        assertEquals(Math.log1p(1), value(text, CODE_BLOCKS), TOLERANCE);
        // the stripped text ends with the closing fence's backtick
        assertEquals(1.0, value(text, FINISHED));
    }

    @Test
    void wordsSentencesAndCharactersFollowTheirDefinitions() {
        String text = "The cat sat. The cat sat! Why 42?";
        // words: The cat sat. The cat sat! Why 42? = 8; lower-cased distinct: the, cat, sat., sat!, why, 42? = 6
        assertEquals(6.0 / 8.0, value(text, TYPE_TOKEN), TOLERANCE);
        // trigrams (lower-cased): the cat sat. | cat sat. the | sat. the cat | the cat sat! | cat sat! why | sat! why 42?
        assertEquals(0.0, value(text, REPEATED_TRIGRAMS), TOLERANCE);
        // characters per word: 3+3+4+3+3+4+3+3 = 26 over 8
        assertEquals(Math.log1p(26.0 / 8.0), value(text, WORD_LENGTH), TOLERANCE);
        // three sentence ends (". ", "! ", "?" at the end)
        assertEquals(Math.log1p(8.0 / 3.0), value(text, WORDS_PER_SENTENCE), TOLERANCE);
        int characters = text.length();
        assertEquals(21.0 / characters, value(text, LETTERS), TOLERANCE);
        assertEquals(2.0 / characters, value(text, DIGITS), TOLERANCE);
        assertEquals(Math.log1p(1), value(text, QUESTIONS), TOLERANCE);
        assertEquals(1.0, value(text, FINISHED));
        assertEquals(0.0, value(text, APOLOGY_OPENING));
    }

    @Test
    void repeatedTrigramsCountRepeats() {
        // a b c a b c: trigrams abc, bca, cab, abc: 3 distinct of 4
        assertEquals(1.0 - 3.0 / 4.0, value("a b c a b c", REPEATED_TRIGRAMS), TOLERANCE);
        assertEquals(0.0, value("a b", REPEATED_TRIGRAMS));
    }

    @Test
    void apologiesAreOpeningsOnly() {
        assertEquals(1.0, value("  I'm sorry, but I can't help with that", APOLOGY_OPENING));
        assertEquals(1.0, value("AS AN AI language model, I", APOLOGY_OPENING));
        assertEquals(1.0, value("Unfortunately no", APOLOGY_OPENING));
        assertEquals(0.0, value("Here it is. I'm sorry it is late", APOLOGY_OPENING));
        assertEquals(0.0, value("Sure, and then", FINISHED));
    }

    @Test
    void anEmptyResponseHasZeroEverywhere() {
        assertEquals(0.0, Arrays.stream(rawValues("  \n ")).map(Math::abs).sum());
    }

    @Test
    void namesAreDistinctAndUnitsPositive() {
        HashSet<String> names = new HashSet<>();
        for (ResponseStyle style : values()) {
            names.add(style.featureName());
            assertEquals(true, style.unit() > 0.0, style.featureName());
        }
        assertEquals(values().length, names.size());
        assertEquals("response-style@bullets", BULLETS.featureName());
    }
}
