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

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.source.DataFormatException;
import org.rewardcollapse.data.source.PairwiseJsonlSource;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.data.source.TestFiles;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.regression.Regressor;
import org.tribuo.util.tokens.universal.UniversalTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Embedding features: from the embeddings a file gives and from an encoder, which sees each distinct text once; the
 * response's vector and its product with the prompt's under their names; one width per file.
 */
class TestEmbeddingFeatures {
    @TempDir
    Path dir;

    /** A stand-in encoder: a text's vector is (characters, vowels, 1), and it counts the texts it is given. */
    public static final class CountingEncoder implements TextEncoder {
        @Config(description = "unused")
        private int unused = 0;
        private final List<String> seen = new ArrayList<>();

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public String fingerprint() {
            return "counting";
        }

        @Override
        public String describe() {
            return "counting encoder";
        }

        @Override
        public List<float[]> encode(List<String> texts) {
            seen.addAll(texts);
            return texts.stream().map(t -> new float[]{t.length(), t.replaceAll("[^aeiou]", "").length(), 1f}).toList();
        }

        @Override
        public TextEncoder relocatedTo(Path directory) {
            return this;
        }

        @Override
        public TextEncoder withCache(Path directory) {
            return this;
        }

        @Override
        public TextEncoder onDevice(String device) {
            return this;
        }

        @Override
        public long windowedTexts() {
            return 0;
        }

        @Override
        public ConfiguredObjectProvenance getProvenance() {
            return new ConfiguredObjectProvenanceImpl(this, "TextEncoder");
        }
    }

    private static Map<String, Double> features(Example<Regressor> example) {
        Map<String, Double> values = new HashMap<>();
        for (Feature f : example) {
            values.put(f.getName(), f.getValue());
        }
        return values;
    }

    private static List<Example<Regressor>> examples(RankingDataSource source) {
        List<Example<Regressor>> examples = new ArrayList<>();
        source.forEach(examples::add);
        return examples;
    }

    @Test
    void aFilesEmbeddingsBecomeResponseAndProductFeatures() throws IOException {
        Path file = TestFiles.write(dir, "e.jsonl",
                "{\"prompt\": \"p\", \"prompt_embedding\": [1, 2], \"responses\": [{\"text\": \"a\", \"rank\": 0, "
                        + "\"embedding\": [0.5, -1]}, {\"text\": \"b\", \"rank\": 1, \"embedding\": [3, 0]}]}");
        ResponseFeaturizer withProduct = new ResponseFeaturizer(new TokenPipeline(new UniversalTokenizer(), 1, true, 16),
                true, true, true, true, null, true, true);
        List<Example<Regressor>> examples = examples(new RankedJsonlSource(file, withProduct));
        Map<String, Double> first = features(examples.get(0));
        assertEquals(0.5, first.get("embedding@response-0"), 1e-9);
        assertEquals(-1.0, first.get("embedding@response-1"), 1e-9);
        assertEquals(0.5, first.get("embedding@prompt*response-0"), 1e-9);
        assertEquals(-2.0, first.get("embedding@prompt*response-1"), 1e-9);
        Map<String, Double> second = features(examples.get(1));
        assertEquals(3.0, second.get("embedding@prompt*response-0"), 1e-9);
        assertTrue(!second.containsKey("embedding@response-1"), "a zero is no feature");
        assertTrue(features(examples(new RankedJsonlSource(file, ResponseFeaturizer.defaults())).get(0)).keySet()
                .stream().noneMatch(n -> n.contains("prompt*")), "no product unless asked for");
        // The hashed words and the length features stay.
        assertTrue(first.keySet().stream().anyMatch(n -> n.startsWith("response-hash")));
        assertTrue(first.containsKey(ResponseFeaturizer.LOG_CHARS));

        Path pairs = TestFiles.write(dir, "p.jsonl", "{\"prompt\": \"p\", \"chosen\": \"x\", \"rejected\": \"y\", "
                + "\"chosen_embedding\": [1, 1], \"rejected_embedding\": [2, 2]}");
        List<Example<Regressor>> pairExamples = examples(new PairwiseJsonlSource(pairs, withProduct));
        assertEquals(2.0, features(pairExamples.get(1)).get("embedding@response-1"), 1e-9);
        assertTrue(features(pairExamples.get(0)).keySet().stream().noneMatch(n -> n.contains("prompt*")),
                "no prompt embedding, no product");
    }

    @Test
    void aFileGivesEveryEmbeddingOrNoneAtOneWidth() throws IOException {
        String good = "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0, \"embedding\": [1, 2]}, "
                + "{\"text\": \"b\", \"rank\": 1, \"embedding\": [3, 4]}]}";
        DataFormatException wide = assertThrows(DataFormatException.class, () -> new RankedJsonlSource(TestFiles.write(
                dir, "w.jsonl", good, good.replace("[3, 4]", "[3, 4, 5]")), ResponseFeaturizer.defaults()));
        assertTrue(wide.getMessage().contains("line 2") && wide.getMessage().contains("responses[1].embedding")
                && wide.getMessage().contains("width 3"), wide.getMessage());
        DataFormatException missing = assertThrows(DataFormatException.class, () -> new RankedJsonlSource(
                TestFiles.write(dir, "m.jsonl", good, good.replace(", \"embedding\": [3, 4]", "")),
                ResponseFeaturizer.defaults()));
        assertTrue(missing.getMessage().contains("line 2") && missing.getMessage().contains("missing"),
                missing.getMessage());
        DataFormatException notNumber = assertThrows(DataFormatException.class, () -> new RankedJsonlSource(
                TestFiles.write(dir, "n.jsonl", good.replace("[3, 4]", "[3, \"x\"]")), ResponseFeaturizer.defaults()));
        assertTrue(notNumber.getMessage().contains("responses[1].embedding[1]"), notNumber.getMessage());
        DataFormatException beyondFloat = assertThrows(DataFormatException.class, () -> new RankedJsonlSource(
                TestFiles.write(dir, "f.jsonl", good.replace("[3, 4]", "[3, 1e39]")), ResponseFeaturizer.defaults()));
        assertTrue(beyondFloat.getMessage().contains("line 1, field 'responses[1].embedding[1]': the number 1.0E39 is "
                + "beyond the range of a float"), beyondFloat.getMessage());
    }

    @Test
    void anEncoderSeesEachDistinctTextOnceAndItsVectorsBecomeFeatures() throws IOException {
        Path file = TestFiles.write(dir, "r.jsonl",
                "{\"prompt\": \"Say hi\", \"responses\": [{\"text\": \"hello\", \"rank\": 0}, {\"text\": \"hi\", \"rank\": 1}]}",
                "{\"prompt\": \"Say hi\", \"responses\": [{\"text\": \"hello\", \"rank\": 1}, {\"text\": \"\", \"rank\": 0}]}");
        CountingEncoder encoder = new CountingEncoder();
        ResponseFeaturizer featurizer = new ResponseFeaturizer(new TokenPipeline(new UniversalTokenizer(), 1, true, 16), false,
                false, true, true, encoder, true, true);
        RankedJsonlSource source = new RankedJsonlSource(file, featurizer);
        assertEquals(List.of("Say hi", "hello", "hi", ""), encoder.seen, "one call, each distinct text once");
        Map<String, Double> hello = features(examples(source).get(0));
        assertEquals(5.0, hello.get("embedding@response-0"), 1e-9);
        assertEquals(6.0 * 5.0, hello.get("embedding@prompt*response-0"), 1e-9);
        assertEquals(2.0 * 2.0, hello.get("embedding@prompt*response-1"), 1e-9);
        assertTrue(hello.keySet().stream().noneMatch(n -> n.contains("hash")), "no hashed words");
        assertTrue(source.report().encoding().contains("4 distinct texts encoded by counting encoder"),
                source.report().encoding());
        assertEquals(5, RankingMetadata.responseLength(examples(source).get(0)));
    }
}
