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
package org.rewardcollapse.text;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.features.TextEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encoder against a second implementation, langchain4j's own all-MiniLM-L6-v2 (its ONNX Runtime call, pooling
 * and normalisation are its own), on short texts, long texts in windows, a directory encoder, the cache and the
 * recorded hash.
 */
class OnnxTextEncoderIT {
    private static final List<String> TEXTS = List.of("Hello world!", "The cat sat on the mat.",
            "A man is playing a guitar on a stage in front of a large crowd.", "Rewards collapse.",
            "What is the capital of France? The capital of France is Paris, which is also its largest city.");
    private static OnnxTextEncoder encoder;
    private static EmbeddingModel reference;

    @TempDir
    Path dir;

    @TempDir
    static Path cacheDirectory;

    @BeforeAll
    static void load() {
        encoder = OnnxTextEncoder.miniLm().withCache(cacheDirectory);
        reference = new AllMiniLmL6V2EmbeddingModel();
    }

    private static float[] expected(EmbeddingModel model, String text) {
        return model.embed(text).content().vector();
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int d = 0; d < expected.length; d++) {
            assertEquals(expected[d], actual[d], tolerance, "dimension " + d);
        }
    }

    @Test
    void shortTextsMatchLangchain4jsAllMiniLm() {
        List<float[]> vectors = encoder.encode(TEXTS);
        assertEquals(384, encoder.dimension());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertClose(expected(reference, TEXTS.get(i)), vectors.get(i), 1e-5);
        }
    }

    @Test
    void batchesGiveWhatTextsGiveAlone() {
        List<float[]> together = encoder.encode(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertClose(together.get(i), encoder.encode(List.of(TEXTS.get(i))).get(0), 1e-6);
        }
    }

    @Test
    void threadsDoNotChangeTheVectors() {
        // On the CPU the windows of a call run side by side, one ONNX Runtime thread each, and are combined in order.
        List<String> texts = new java.util.ArrayList<>(TEXTS);
        texts.add("hello ".repeat(600).strip());
        List<float[]> one = new OnnxTextEncoder(null, null, 0, "cpu", 1).encode(texts);
        List<float[]> two = new OnnxTextEncoder(null, null, 0, "cpu", 2).encode(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), "text " + i);
        }
    }

    @Test
    void aLongTextIsTheTokenWeightedMeanOfItsWindows() {
        // "hello" is one word piece: 300 of them at 128-token windows are windows of 126, 126 and 48 tokens, each
        // short enough for langchain4j, which cuts at 128 tokens.
        OnnxTextEncoder windows = new OnnxTextEncoder(null, null, 128, "cpu", 0);
        long before = windows.windowedTexts();
        float[] actual = windows.encode(List.of("hello ".repeat(300).strip())).get(0);
        assertEquals(before + 1, windows.windowedTexts());
        float[] full = expected(reference, "hello ".repeat(126).strip());
        float[] tail = expected(reference, "hello ".repeat(48).strip());
        float[] mean = new float[full.length];
        double norm = 0;
        for (int d = 0; d < mean.length; d++) {
            mean[d] = (252 * full[d] + 48 * tail[d]) / 300f;
            norm += mean[d] * mean[d];
        }
        for (int d = 0; d < mean.length; d++) {
            mean[d] /= (float) Math.sqrt(norm);
        }
        assertClose(mean, actual, 1e-5);
        // And past the window, text still counts: langchain4j's vector of the first 126 words is not this one.
        assertNotEquals(full[0], actual[0], 1e-4);
    }

    @Test
    void blankTextIsTheZeroVector() {
        for (float[] v : encoder.encode(List.of("", "   \n\t"))) {
            assertArrayEquals(new float[384], v);
        }
    }

    @Test
    void aDirectoryEncoderMatchesLangchain4jOnTheSameFiles() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("minilm"));
        copyResource("/all-minilm-l6-v2.onnx", copy.resolve("model.onnx"));
        copyResource("/all-minilm-l6-v2-tokenizer.json", copy.resolve("tokenizer.json"));
        OnnxTextEncoder fromDirectory = new OnnxTextEncoder(copy, Pooling.MEAN, 256, "cpu", 1);
        EmbeddingModel second = new OnnxEmbeddingModel(copy.resolve("model.onnx"), copy.resolve("tokenizer.json"),
                PoolingMode.MEAN);
        List<float[]> vectors = fromDirectory.encode(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertClose(expected(second, TEXTS.get(i)), vectors.get(i), 1e-5);
        }
        // The same files with the same settings are the same encoder; other files are another.
        assertEquals(encoder.fingerprint(), fromDirectory.fingerprint());
        assertNotEquals(encoder.fingerprint(), new OnnxTextEncoder(quantisedMiniLm(dir), Pooling.MEAN, 256, "cpu", 1)
                .fingerprint());
    }

    @Test
    void anEncoderRebuiltFromItsProvenanceIsTheSameAndChangedFilesAreRefused() throws IOException {
        ConfigurationManager manager = new ConfigurationManager();
        var configuration = ProvenanceUtil.extractConfiguration(encoder.getProvenance());
        manager.addConfiguration(configuration);
        TextEncoder rebuilt = (TextEncoder) manager.lookup(configuration.get(0).getName());
        assertEquals(encoder.fingerprint(), rebuilt.fingerprint());

        Path directory = quantisedMiniLm(dir);
        OnnxTextEncoder made = new OnnxTextEncoder(directory, null, 0, "cpu", 1);
        var recorded = ProvenanceUtil.extractConfiguration(made.getProvenance());
        Files.write(directory.resolve("tokenizer.json"), new byte[]{' '}, StandardOpenOption.APPEND);
        ConfigurationManager again = new ConfigurationManager();
        again.addConfiguration(recorded);
        // The files are read (and checked) on first use, so that an encoder can be relocated after it is rebuilt.
        TextEncoder changed = (TextEncoder) again.lookup(recorded.get(0).getName());
        Exception refused = assertThrows(Exception.class, changed::dimension);
        String message = String.valueOf(refused.getMessage()) + " " + refused.getCause();
        assertTrue(message.contains("SHA-256") && message.contains(made.getProvenance().getConfiguredParameters()
                .get("sha256").toString()), message);
    }

    @Test
    void theCacheServesWhatWasEncodedAndSurvivesATornTail() throws IOException {
        List<float[]> first = encoder.encode(TEXTS);
        Path file = cacheDirectory.resolve(encoder.fingerprint() + ".emb");
        assertTrue(Files.size(file) > 0, "the cache file is written");
        long size = Files.size(file);
        Files.write(file, new byte[]{1, 2, 3}, StandardOpenOption.APPEND);
        EmbeddingCache reread = EmbeddingCache.open(cacheDirectory, encoder.fingerprint() + "-copy", 384);
        Files.copy(file, file.resolveSibling(encoder.fingerprint() + "-copy2.emb"));
        EmbeddingCache torn = EmbeddingCache.open(cacheDirectory, encoder.fingerprint() + "-copy2", 384);
        assertEquals(size, Files.size(file.resolveSibling(encoder.fingerprint() + "-copy2.emb")), "the torn tail is cut");
        assertTrue(torn.size() >= TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(first.get(i), torn.get(TEXTS.get(i)));
        }
        assertEquals(0, reread.size());
    }

    @Test
    void maxPoolingAndADenseModuleAreRunAsTheirFilesSay() throws IOException {
        Path directory = quantisedMiniLm(dir.resolve("modules"));
        String plain = "[{\"idx\": 0, \"path\": \"\", \"type\": \"sentence_transformers.models.Transformer\"}, "
                + "{\"idx\": 1, \"path\": \"1_Pooling\", \"type\": \"sentence_transformers.models.Pooling\"}";
        Files.writeString(directory.resolve("modules.json"), plain + "]");
        String text = "The cat sat on the mat.";
        float[] mean = new OnnxTextEncoder(directory, Pooling.MEAN, 0, "cpu", 1).encode(List.of(text)).get(0);
        Files.writeString(Files.createDirectories(directory.resolve("1_Pooling")).resolve("config.json"),
                "{\"pooling_mode_max_tokens\": true}");
        float[] max = new OnnxTextEncoder(directory, null, 0, "cpu", 1).encode(List.of(text)).get(0);
        for (int d = 0; d < mean.length; d++) {
            assertTrue(max[d] >= mean[d] - 1e-6, "the maximum is at least the mean, dimension " + d);
        }
        assertNotEquals(mean[0], max[0]);
        // A Dense module of twice the identity, with no activation: twice the mean-pooled vector.
        Files.writeString(directory.resolve("modules.json"), plain + ", {\"idx\": 2, \"path\": \"2_Dense\", "
                + "\"type\": \"sentence_transformers.models.Dense\"}]");
        Path dense = Files.createDirectories(directory.resolve("2_Dense"));
        Files.writeString(dense.resolve("config.json"), "{\"in_features\": 384, \"out_features\": 384, \"bias\": "
                + "false, \"activation_function\": \"torch.nn.modules.linear.Identity\"}");
        String header = "{\"linear.weight\": {\"dtype\": \"F32\", \"shape\": [384, 384], \"data_offsets\": [0, "
                + 4 * 384 * 384 + "]}}";
        java.nio.ByteBuffer weights = java.nio.ByteBuffer.allocate(8 + header.length() + 4 * 384 * 384)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        weights.putLong(header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < 384 * 384; i++) {
            weights.putFloat(i % 385 == 0 ? 2f : 0f);
        }
        Files.write(dense.resolve("model.safetensors"), weights.array());
        float[] doubled = new OnnxTextEncoder(directory, Pooling.MEAN, 0, "cpu", 1).encode(List.of(text)).get(0);
        for (int d = 0; d < mean.length; d++) {
            assertEquals(2 * mean[d], doubled[d], 1e-5, "dimension " + d);
        }
    }

    /** The quantised all-MiniLM-L6-v2 of langchain4j, written out as a sentence-transformers directory. */
    static Path quantisedMiniLm(Path parent) throws IOException {
        Path directory = Files.createDirectories(parent.resolve("minilm-q"));
        copyResource("/all-minilm-l6-v2-q.onnx", directory.resolve("model.onnx"));
        copyResource("/all-minilm-l6-v2-q-tokenizer.json", directory.resolve("tokenizer.json"));
        return directory;
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = OnnxTextEncoderIT.class.getResourceAsStream(resource)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
