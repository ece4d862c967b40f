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
package org.rewardcollapse.data.synthetic;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Generates long pseudo-English texts from a built-in vocabulary, so the paper's benchmark needs no download.
 * Words follow a Zipf law (exponent 1) over the vocabulary, as word frequencies in real text do; sentences
 * have 6 to 18 words. Everything is drawn from the caller's seeded generator, so texts are reproducible.
 */
final class SyntheticTexts {
    private static final String VOCABULARY_RESOURCE = "synthetic-vocabulary.txt";
    private static final List<String> VOCABULARY = loadVocabulary();
    private static final int MIN_SENTENCE = 6;
    private static final int MAX_SENTENCE = 18;

    private final RandomGenerator rng;
    private final ZipfDistribution zipf;

    /**
     * Creates a generator drawing from the given random source.
     * @param rng The seeded random source.
     */
    SyntheticTexts(RandomGenerator rng) {
        this.rng = rng;
        this.zipf = new ZipfDistribution(rng, VOCABULARY.size(), 1.0);
    }

    /**
     * A text of at least the given number of words, in whole sentences.
     * @param minWords The minimum word count.
     * @return The text.
     */
    String text(int minWords) {
        StringBuilder sb = new StringBuilder();
        int words = 0;
        while (words < minWords) {
            int length = MIN_SENTENCE + rng.nextInt(MAX_SENTENCE - MIN_SENTENCE + 1);
            for (int i = 0; i < length; i++) {
                String word = VOCABULARY.get(zipf.sample() - 1);
                if (i == 0) {
                    word = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
                }
                sb.append(sb.length() == 0 ? "" : " ").append(word);
            }
            sb.append('.');
            words += length;
        }
        return sb.toString();
    }

    /**
     * A question about a topic of two words drawn uniformly from the vocabulary.
     * @return The question.
     */
    String question() {
        String first = VOCABULARY.get(rng.nextInt(VOCABULARY.size()));
        String second = VOCABULARY.get(rng.nextInt(VOCABULARY.size()));
        return "Tell me about the " + first + " " + second + ".";
    }

    private static List<String> loadVocabulary() {
        try (InputStream in = SyntheticTexts.class.getResourceAsStream(VOCABULARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + VOCABULARY_RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().map(String::strip).filter(word -> !word.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
