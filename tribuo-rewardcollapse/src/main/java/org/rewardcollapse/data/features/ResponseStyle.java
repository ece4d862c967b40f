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

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Surface features of a response beyond its length: layout (lines, bullets, numbered items, headers, bold, code
 * blocks), repetition, vocabulary, sentence and word length, the share of letters and digits, an apologetic opening,
 * the last character and questions asked.
 * <p>
 * Each raw value is divided by a fixed unit, its typical spread between the answers to one prompt (measured on
 * AlpacaEval, OpenAssistant and HH-RLHF answers), so that one weight sets how strongly a model's L2 penalty holds
 * them all back. The units are part of the definition: a model trained with them scores with them.
 */
public enum ResponseStyle {
    /** ln(1 + non-blank lines). */
    LINES("lines", 0.5),
    /** ln(1 + lines opening with a bullet: -, * or •). */
    BULLETS("bullets", 0.5),
    /** ln(1 + lines opening with a number and . or )). */
    NUMBERED("numbered", 0.5),
    /** ln(1 + Markdown headers). */
    HEADERS("headers", 0.15),
    /** ln(1 + bold spans, **...**). */
    BOLD("bold", 0.4),
    /** ln(1 + fenced code blocks). */
    CODE_BLOCKS("code-blocks", 0.12),
    /** Distinct words over words (lower-cased). */
    TYPE_TOKEN("type-token", 0.1),
    /** 1 - distinct non-blank lines over non-blank lines. */
    REPEATED_LINES("repeated-lines", 0.04),
    /** 1 - distinct word trigrams over trigrams. */
    REPEATED_TRIGRAMS("repeated-trigrams", 0.05),
    /** ln(1 + mean characters per word). */
    WORD_LENGTH("word-length", 0.1),
    /** ln(1 + words per sentence). */
    WORDS_PER_SENTENCE("words-per-sentence", 0.45),
    /** Share of characters that are letters. */
    LETTERS("letters", 0.045),
    /** Share of characters that are digits. */
    DIGITS("digits", 0.017),
    /** 1 when the response opens with an apology or a refusal ("I'm sorry", "As an AI", "I cannot", ...). */
    APOLOGY_OPENING("apology-opening", 0.13),
    /** 1 when the last character closes a sentence, a quote, a parenthesis or a list (. ! ? ) " ' ` * :). */
    FINISHED("finished", 0.25),
    /** ln(1 + question marks). */
    QUESTIONS("questions", 0.2);

    /** The prefix of the style features' names. */
    public static final String PREFIX = "response-style@";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*\u2022]\\s", Pattern.MULTILINE);
    private static final Pattern NUMBER = Pattern.compile("^\\s*\\d+[.)]\\s", Pattern.MULTILINE);
    private static final Pattern HEADER = Pattern.compile("^\\s*#{1,6}\\s", Pattern.MULTILINE);
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(\\s|$)");
    private static final Pattern APOLOGY = Pattern.compile("(i'?m sorry|i am sorry|sorry|as an ai|i cannot|i can'?t"
            + "|i'?m not able|i am not able|i'?m unable|i am unable|unfortunately)", Pattern.CASE_INSENSITIVE);
    private static final String CLOSING = ".!?)\"'`*:";

    private final String featureName;
    private final double unit;

    ResponseStyle(String name, double unit) {
        this.featureName = PREFIX + name;
        this.unit = unit;
    }

    /**
     * The feature's name.
     * @return {@value #PREFIX} and the style's name, e.g. {@code response-style@bullets}.
     */
    public String featureName() {
        return featureName;
    }

    /**
     * The typical spread of the raw value between the answers to one prompt; features are raw values over it.
     * @return The unit.
     */
    public double unit() {
        return unit;
    }

    /**
     * The raw values of every style of one response, in declaration order.
     * @param response The response's text.
     * @return One value per style.
     */
    public static double[] rawValues(String response) {
        String s = response.strip();
        String[] words = s.isEmpty() ? new String[0] : WHITESPACE.split(s);
        List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int characters = Math.max(1, s.codePointCount(0, s.length()));
        double[] v = new double[values().length];
        v[LINES.ordinal()] = Math.log1p(lines.size());
        v[BULLETS.ordinal()] = Math.log1p(count(BULLET.matcher(s)));
        v[NUMBERED.ordinal()] = Math.log1p(count(NUMBER.matcher(s)));
        v[HEADERS.ordinal()] = Math.log1p(count(HEADER.matcher(s)));
        v[BOLD.ordinal()] = Math.log1p(occurrences(s, "**") / 2);
        v[CODE_BLOCKS.ordinal()] = Math.log1p(occurrences(s, "```") / 2);
        v[TYPE_TOKEN.ordinal()] = distinctShare(words);
        v[REPEATED_LINES.ordinal()] = lines.isEmpty() ? 0.0 : 1.0 - (double) new HashSet<>(lines).size() / lines.size();
        v[REPEATED_TRIGRAMS.ordinal()] = repeatedTrigrams(words);
        v[WORD_LENGTH.ordinal()] = Math.log1p(words.length == 0 ? 0.0 : meanCodePoints(words));
        v[WORDS_PER_SENTENCE.ordinal()] = Math.log1p((double) words.length
                / Math.max(1, count(SENTENCE_END.matcher(s))));
        v[LETTERS.ordinal()] = s.codePoints().filter(Character::isLetter).count() / (double) characters;
        v[DIGITS.ordinal()] = s.codePoints().filter(Character::isDigit).count() / (double) characters;
        v[APOLOGY_OPENING.ordinal()] = APOLOGY.matcher(s).lookingAt() ? 1.0 : 0.0;
        v[FINISHED.ordinal()] = !s.isEmpty() && CLOSING.indexOf(s.charAt(s.length() - 1)) >= 0 ? 1.0 : 0.0;
        v[QUESTIONS.ordinal()] = Math.log1p(occurrences(s, "?"));
        return v;
    }

    private static int count(Matcher matcher) {
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    /** Non-overlapping occurrences, as Python's str.count. */
    private static int occurrences(String s, String part) {
        int n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static double distinctShare(String[] words) {
        if (words.length == 0) {
            return 0.0;
        }
        Set<String> distinct = new HashSet<>();
        for (String w : words) {
            distinct.add(w.toLowerCase(Locale.ROOT));
        }
        return (double) distinct.size() / words.length;
    }

    private static double repeatedTrigrams(String[] words) {
        if (words.length < 3) {
            return 0.0;
        }
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i + 2 < words.length; i++) {
            distinct.add((words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]).toLowerCase(Locale.ROOT));
        }
        return 1.0 - (double) distinct.size() / (words.length - 2);
    }

    private static double meanCodePoints(String[] words) {
        long total = 0;
        for (String w : words) {
            total += w.codePointCount(0, w.length());
        }
        return (double) total / words.length;
    }
}
