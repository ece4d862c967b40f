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
package org.rewardcollapse.serve;

import java.util.List;
import java.util.Locale;

/**
 * Cuts OpenRLHF's queries into prompt and response. OpenRLHF sends each sample as one decoded sequence, the templated
 * prompt followed by the generated response (special tokens kept: EOS, chat-template markers, and before 0.8.3
 * padding), and since 0.6.0 the templated prompt beside it. This project's models score a (prompt, response) pair, so:
 * <ol>
 *     <li>{@link Split#PROMPT}: when the prompt is given, non-empty, and the query starts with it, the response is the
 *     rest of the query;</li>
 *     <li>{@link Split#STRIPPED}: otherwise, with the special tokens stripped from both ends of the query and of the
 *     prompt (pads on one side and not the other are the usual cause), the same;</li>
 *     <li>{@link Split#WHOLE}: otherwise the whole query is the response, and the prompt is empty.</li>
 * </ol>
 * In every case the special tokens are stripped from both ends of the prompt and of the response (an EOS is a
 * generation marker, not text the model was trained on). Chat-template markup inside the texts stays: the featuriser
 * sees the templated prompt.
 */
final class OpenRlhfSplitter {
    /** How a query was cut. */
    enum Split {
        /** At the prompt as given. */
        PROMPT,
        /** At the prompt, once special tokens were stripped from the ends of both. */
        STRIPPED,
        /** Not cut: the whole query is the response, the prompt empty. */
        WHOLE;

        /**
         * The name in replies and metrics.
         * @return The lower-case name.
         */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A query cut into a pair.
     *
     * @param pair The prompt and the response.
     * @param split How it was cut.
     */
    record Result(TextPair pair, Split split) {}

    private final List<String> tokens;

    /**
     * A splitter.
     * @param tokens The special tokens to strip (none: strip nothing).
     */
    OpenRlhfSplitter(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /**
     * Cuts one query.
     * @param query The decoded sequence.
     * @param prompt The templated prompt, or null when the request has none.
     * @return The pair and how it was cut.
     */
    Result split(String query, String prompt) {
        if (prompt != null) {
            if (!prompt.isEmpty() && query.startsWith(prompt)) {
                return new Result(new TextPair(strip(prompt), strip(query.substring(prompt.length()))), Split.PROMPT);
            }
            String strippedPrompt = strip(prompt);
            String strippedQuery = strip(query);
            if (!strippedPrompt.isEmpty() && strippedQuery.startsWith(strippedPrompt)) {
                return new Result(new TextPair(strippedPrompt,
                        strip(strippedQuery.substring(strippedPrompt.length()))), Split.STRIPPED);
            }
        }
        return new Result(new TextPair("", strip(query)), Split.WHOLE);
    }

    /**
     * Removes special tokens from both ends of a text, repeatedly; whitespace between stripped tokens goes with them,
     * and a text with no token at an end keeps that end as it is.
     * @param text The text.
     * @return The text without leading or trailing special tokens.
     */
    String strip(String text) {
        if (tokens.isEmpty()) {
            return text;
        }
        int from = 0;
        int to = text.length();
        boolean cut = true;
        while (cut) {
            cut = false;
            int start = skipSpace(text, from, to);
            for (String token : tokens) {
                if (text.startsWith(token, start) && start + token.length() <= to) {
                    from = start + token.length();
                    cut = true;
                    break;
                }
            }
            int end = skipSpaceBack(text, from, to);
            for (String token : tokens) {
                if (end - token.length() >= from && text.startsWith(token, end - token.length())) {
                    to = end - token.length();
                    cut = true;
                    break;
                }
            }
        }
        return from == 0 && to == text.length() ? text : text.substring(from, to);
    }

    private static int skipSpace(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaceBack(String text, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
