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

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.ReadOptions;
import org.rewardcollapse.data.source.TestFiles;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.regression.Regressor;
import org.tribuo.util.tokens.impl.WhitespaceTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestResponseFeaturizer {
    @TempDir
    Path dir;

    private static Map<String, Double> byName(List<Feature> features) {
        Map<String, Double> map = new TreeMap<>();
        for (Feature f : features) {
            map.merge(f.getName(), f.getValue(), Double::sum);
        }
        return map;
    }

    @Test
    void textFeaturesComeFromTheTribuoPipelineAndLengthsAreLogCounts() {
        ResponseFeaturizer featurizer = new ResponseFeaturizer(
                new TokenPipeline(new WhitespaceTokenizer(), 1, true), true, true, true, true);
        Map<String, Double> features = byName(featurizer.featurize("Name A city", "The City the city"));
        assertEquals(1.0, features.get("prompt-1-N=name"));
        assertEquals(2.0, features.get("response-1-N=city"), "lower-cased and counted");
        assertEquals(2.0, features.get("response-1-N=the"));
        assertEquals(Math.log1p(4), features.get(ResponseFeaturizer.LOG_WORDS), 1e-15);
        assertEquals(Math.log1p(17), features.get(ResponseFeaturizer.LOG_CHARS), 1e-15);
    }

    @Test
    void defaultsHashIntoBoundedBuckets() {
        Map<String, Double> features = byName(ResponseFeaturizer.defaults().featurize("a b c d e f g", "h i j k l m n o p"));
        assertTrue(features.keySet().stream().allMatch(name -> name.startsWith("prompt-hash=")
                || name.startsWith("response-hash=") || name.startsWith("response-length@")), features::toString);
        assertTrue(features.keySet().stream().filter(n -> n.contains("hash="))
                .mapToInt(n -> Integer.parseInt(n.substring(n.indexOf('=') + 1))).allMatch(b -> b >= 0
                        && b < ResponseFeaturizer.DEFAULT_HASH_DIMENSION));
    }

    @Test
    void styleFeaturesAreOffByDefaultAndOnAreEachStylesRawValueOverItsUnitTimesTheScale() throws IOException {
        String response = "Steps:\n- Mix it.\n- Bake it!\n- Mix it.";
        assertTrue(byName(ResponseFeaturizer.defaults().featurize("p", response)).keySet().stream()
                .noneMatch(n -> n.startsWith(ResponseStyle.PREFIX)));
        ResponseFeaturizer styled = new ResponseFeaturizer(new TokenPipeline(new WhitespaceTokenizer(), 1, true), false,
                false, false, true, null, true, false, true, 0.25);
        Map<String, Double> features = byName(styled.featurize("p", response));
        assertEquals(ResponseStyle.values().length, features.size(), features::toString);
        // Hand-counted: 4 lines, 3 bullets, 2 of the 4 lines distinct from the others ("- Mix it." twice).
        assertEquals(0.25 * Math.log1p(4) / ResponseStyle.LINES.unit(), features.get("response-style@lines"), 1e-12);
        assertEquals(0.25 * Math.log1p(3) / ResponseStyle.BULLETS.unit(), features.get("response-style@bullets"), 1e-12);
        assertEquals(0.25 * 0.25 / ResponseStyle.REPEATED_LINES.unit(), features.get("response-style@repeated-lines"),
                1e-12);
        assertEquals(0.25 / ResponseStyle.FINISHED.unit(), features.get("response-style@finished"), 1e-12);
        Path file = TestFiles.write(dir, "s.jsonl",
                "{\"prompt\": \"Bake\", \"responses\": [{\"text\": \"- Mix.\\n- Bake.\", \"rank\": 0}, {\"text\": \"No\", \"rank\": 1}]}");
        MutableDataset<Regressor> data = new MutableDataset<>(new RankedJsonlSource(file, styled));
        ResponseFeaturizer rebuilt = ResponseFeaturizer.fromProvenance(data.getProvenance()).orElseThrow();
        assertEquals(features, byName(rebuilt.featurize("p", response)), "a model scores with the style it trained on");
        assertThrows(IllegalArgumentException.class, () -> new ResponseFeaturizer(
                new TokenPipeline(new WhitespaceTokenizer(), 1, true), false, false, true, true, null, true, false,
                true, 0.0));
    }

    @Test
    void allFeaturesOffIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new ResponseFeaturizer(
                new TokenPipeline(new WhitespaceTokenizer(), 1, true), false, false, false, true));
    }

    @Test
    void scorerRebuildsTheIdenticalFeaturizerFromDatasetProvenance() throws IOException {
        ResponseFeaturizer trained = new ResponseFeaturizer(new TokenPipeline(new WhitespaceTokenizer(), 2, false, 64),
                true, true, false, false);
        Path file = TestFiles.write(dir, "r.jsonl",
                "{\"prompt\": \"Name a Colour\", \"responses\": [{\"text\": \"Red is nice\", \"rank\": 0}, {\"text\": \"Blue\", \"rank\": 1}]}");
        MutableDataset<Regressor> data = new MutableDataset<>(new RankedJsonlSource(file, trained));
        ResponseFeaturizer rebuilt = ResponseFeaturizer.fromProvenance(data.getProvenance()).orElseThrow();
        assertNotSame(trained, rebuilt);
        assertEquals(trained.getProvenance(), rebuilt.getProvenance());
        assertEquals(trained.toString(), rebuilt.toString());
        String[][] probes = {{"Name a Colour", "Red is nice"}, {"Unseen PROMPT words", "and other Response text here"}};
        for (String[] probe : probes) {
            assertEquals(byName(trained.featurize(probe[0], probe[1])), byName(rebuilt.featurize(probe[0], probe[1])));
        }
    }

    @Test
    void dataSourceItselfRebuildsFromItsProvenanceAndLoadsTheSameExamples() throws IOException {
        Path file = TestFiles.write(dir, "r.jsonl",
                "{\"prompt\": \"p one\", \"prompt_type\": \"open\", \"responses\": [{\"text\": \"a b\", \"score\": 2}, {\"text\": \"c\", \"score\": 1}]}",
                "{\"prompt\": \"p two\", \"responses\": [{\"text\": \"d e f\", \"rank\": 1}, {\"text\": \"g\", \"rank\": 0}]}");
        RankedJsonlSource original = new RankedJsonlSource(file, ResponseFeaturizer.defaults(), "group", "kind",
                ReadOptions.DEFAULT);
        List<ConfigurationData> configuration = ProvenanceUtil.extractConfiguration(original.getProvenance());
        ConfigurationManager manager = new ConfigurationManager();
        manager.addConfiguration(configuration);
        RankedJsonlSource rebuilt = (RankedJsonlSource) manager.lookup(configuration.get(0).getName());
        assertEquals(original.getProvenance(), rebuilt.getProvenance());
        Iterator<Example<Regressor>> a = original.iterator();
        Iterator<Example<Regressor>> b = rebuilt.iterator();
        List<String> checked = new ArrayList<>();
        while (a.hasNext()) {
            Example<Regressor> x = a.next();
            Example<Regressor> y = b.next();
            assertEquals(x.getMetadata(), y.getMetadata());
            assertEquals(x.getOutput().getValues()[0], y.getOutput().getValues()[0]);
            List<Feature> fx = new ArrayList<>();
            x.forEach(fx::add);
            List<Feature> fy = new ArrayList<>();
            y.forEach(fy::add);
            assertEquals(fx, fy);
            checked.add(x.getMetadataValue("group").orElseThrow().toString());
        }
        assertEquals(List.of("1", "1", "2", "2"), checked);
    }
}
