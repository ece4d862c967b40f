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
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.io.ProvenanceSerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.util.tokens.impl.wordpiece.Wordpiece;
import org.tribuo.util.tokens.impl.wordpiece.WordpieceBasicTokenizer;
import org.tribuo.util.tokens.impl.wordpiece.WordpieceTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model's recorded featuriser is data from anywhere: only the featuriser's known parts are rebuilt, with settings that
 * name no file, and anything else is refused in one line before OLCUT makes (and so runs) any object.
 */
class TestRecordedFeaturizer {
    @TempDir
    Path dir;

    @Test
    void aTokenizerThatReadsAVocabularyIsRefusedBeforeTheFileIsOpened() throws IOException, InterruptedException {
        Path vocabulary = dir.resolve("vocab.txt");
        Files.writeString(vocabulary, "[UNK]\nhello\nworld\n");
        WordpieceTokenizer tokenizer = new WordpieceTokenizer(new Wordpiece(vocabulary.toString()),
                new WordpieceBasicTokenizer(), true, true, Set.of());
        ResponseFeaturizer trained = new ResponseFeaturizer(new TokenPipeline(tokenizer, 1, true, 64), true, true,
                true, true);
        ObjectProvenance recorded = trained.getProvenance();
        // A FIFO blocks whoever opens it: the refusal must come before any file is opened.
        Files.delete(vocabulary);
        Process mkfifo = new ProcessBuilder("mkfifo", vocabulary.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                IllegalArgumentException.class, () -> ResponseFeaturizer.fromProvenance(recorded)));
        assertTrue(e.getMessage().contains("org.tribuo.util.tokens.impl.wordpiece.WordpieceTokenizer")
                && e.getMessage().contains("refusing"), e.getMessage());
    }

    @Test
    void aDataSourceInTheTokenizersSlotIsRefusedBeforeItIsMade() throws ProvenanceSerializationException {
        JsonProvenanceSerialization json = new JsonProvenanceSerialization(false);
        String recorded = json.marshalAndSerialize(ResponseFeaturizer.defaults().getProvenance());
        String hostile = recorded.replace("org.tribuo.util.tokens.universal.UniversalTokenizer",
                "org.tribuo.data.text.impl.SimpleTextDataSource");
        assertTrue(hostile.contains("SimpleTextDataSource"), hostile);
        ObjectProvenance provenance = json.deserializeAndUnmarshal(hostile);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResponseFeaturizer.fromProvenance(provenance));
        assertTrue(e.getMessage().contains("org.tribuo.data.text.impl.SimpleTextDataSource, which is not one of the "
                + "parts"), e.getMessage());
    }

    @Test
    void theKnownPartsAreRebuiltAsRecorded() {
        ResponseFeaturizer rebuilt = ResponseFeaturizer.fromProvenance(ResponseFeaturizer.defaults().getProvenance())
                .orElseThrow();
        assertEquals(ResponseFeaturizer.defaults().toString(), rebuilt.toString());
    }

    @Test
    void anEncoderDirectoryNeedsTheHashItsFilesAreCheckedAgainst() {
        Map<String, Property> settings = new HashMap<>();
        settings.put("modelDirectory", new SimpleProperty(dir.toString()));
        List<ConfigurationData> noHash = List.of(new ConfigurationData("encoder", RecordedFeaturizer.ENCODER_CLASS,
                settings));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordedFeaturizer.requireKnownParts(noHash));
        assertTrue(e.getMessage().contains("without the SHA-256"), e.getMessage());
        settings.put("sha256", new SimpleProperty("ab".repeat(32)));
        RecordedFeaturizer.requireKnownParts(List.of(new ConfigurationData("encoder", RecordedFeaturizer.ENCODER_CLASS,
                settings)));
    }

    @Test
    void aSettingThatNamesAFileOrIsUnboundedIsRefused() {
        Map<String, Property> unknown = Map.of("textPipeline", new SimpleProperty("x".repeat(5000)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordedFeaturizer
                .requireKnownParts(List.of(new ConfigurationData("f", ResponseFeaturizer.class.getName(), unknown))));
        assertTrue(e.getMessage().contains("5000 characters long"), e.getMessage());
        Map<String, Property> notASetting = Map.of("cacheDirectory", new SimpleProperty("/tmp"));
        e = assertThrows(IllegalArgumentException.class, () -> RecordedFeaturizer.requireKnownParts(List.of(
                new ConfigurationData("encoder", RecordedFeaturizer.ENCODER_CLASS, notASetting))));
        assertTrue(e.getMessage().contains("'cacheDirectory' is not a setting"), e.getMessage());
    }
}
