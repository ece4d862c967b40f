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

import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stronger encoders read from their Maven artifacts in the local repository (where the build's
 * {@code dependency:get} put them, as a user's does) give the vectors that langchain4j's own ONNX embedding model
 * gives from the same files with the model card's pooling: a second implementation of tokenising, windowing and
 * pooling.
 */
class KnownEncodersIT {
    private static final List<String> TEXTS = List.of("What is the capital of New Zealand?",
            "Wellington is the capital of New Zealand, at the southern tip of the North Island.",
            "Write a story about your best friend.");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"bge-small, CLS", "e5-small, MEAN", "minilm-q8, MEAN"})
    void aKnownEncoderMatchesLangchain4jOnTheSameFiles(String name, PoolingMode pooling) throws IOException {
        KnownEncoder known = KnownEncoder.named(name);
        Path jar = known.jarIn(KnownEncoder.localRepository());
        assertTrue(Files.isRegularFile(jar), "the build fetches " + jar);
        Path model = extract(jar, known.modelResource());
        Path tokenizer = extract(jar, known.tokenizerResource());
        OnnxEmbeddingModel reference = new OnnxEmbeddingModel(model, tokenizer, pooling);
        OnnxTextEncoder encoder = OnnxTextEncoder.of(known, 0, "cpu", 1);
        List<float[]> vectors = encoder.encode(TEXTS);
        assertEquals(384, encoder.dimension());
        assertTrue(encoder.describe().startsWith(known.modelName() + " (" + pooling.name().toLowerCase() + " pooling, "
                + known.maxTokens() + "-token windows, normalised"), encoder.describe());
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] expected = reference.embed(TEXTS.get(i)).content().vector();
            for (int d = 0; d < expected.length; d++) {
                assertEquals(expected[d], vectors.get(i)[d], 1e-5, name + " text " + i + " dimension " + d);
            }
        }
    }

    private Path extract(Path jar, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            Path out = dir.resolve(entry);
            Files.copy(in, out);
            return out;
        }
    }
}
