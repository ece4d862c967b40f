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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where an encoder's files come from: a {@link KnownEncoder} (two resources of its Maven artifact, read from the class
 * path or from the artifact's jar in the local Maven repository), or a directory holding a sentence-transformers ONNX
 * export ({@code model.onnx} or {@code onnx/model.onnx}, {@code tokenizer.json}, and optionally
 * {@code 1_Pooling/config.json}, {@code sentence_bert_config.json} and {@code modules.json}, whose pooling, token
 * limit, Dense module and normalisation are the defaults; a Dense module's weights are part of the SHA-256).
 */
final class EncoderFiles {
    /** The files' SHA-256 by known encoder, computed once per JVM (reading 130 MB takes a while). */
    private static final Map<KnownEncoder, String> KNOWN_SHA256 = new ConcurrentHashMap<>();

    private final KnownEncoder known;
    private final Path directory;
    private final String sha256;
    private final Modules modules;

    private EncoderFiles(KnownEncoder known, Path directory, String sha256, Modules modules) {
        this.known = known;
        this.directory = directory;
        this.sha256 = sha256;
        this.modules = modules;
    }

    /**
     * A known encoder's files.
     * @param known The encoder.
     * @return Its files.
     * @throws IllegalArgumentException If its artifact is neither on the class path nor in the local Maven repository,
     *                                  saying how to fetch it.
     */
    static EncoderFiles of(KnownEncoder known) {
        EncoderFiles files = new EncoderFiles(known, null, null, null);
        String sha = KNOWN_SHA256.computeIfAbsent(known, k -> sha256(files.model(), files.tokenizer(), null));
        return new EncoderFiles(known, null, sha, null);
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
        EncoderFiles files = new EncoderFiles(null, directory, null, null);
        Modules modules = files.readModules();
        return new EncoderFiles(null, directory, sha256(files.model(), files.tokenizer(), modules.dense()), modules);
    }

    /**
     * The name for messages: the known model's name or the directory.
     * @return The name.
     */
    String name() {
        return known != null ? known.modelName() : directory.toString();
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
        if (known != null) {
            return artifactEntry(known.modelResource());
        }
        Path model = directory.resolve("model.onnx");
        return read(Files.isRegularFile(model) ? model : directory.resolve("onnx").resolve("model.onnx"));
    }

    /**
     * The tokenizer's bytes ({@code tokenizer.json}).
     * @return The tokenizer.
     */
    byte[] tokenizer() {
        return known != null ? artifactEntry(known.tokenizerResource()) : read(directory.resolve("tokenizer.json"));
    }

    /**
     * The pooling the files ask for ({@code 1_Pooling/config.json}: one of the CLS, mean and max modes); a known
     * encoder's model card's.
     * @return The pooling, or empty when the files do not say.
     * @throws IllegalArgumentException If the file asks for another pooling (last token, weighted mean, several at
     *                                  once), naming the file and the mode.
     */
    Optional<Pooling> pooling() {
        if (known != null) {
            return Optional.of(known.pooling());
        }
        return json("1_Pooling/config.json").map(config -> {
            List<String> modes = new ArrayList<>();
            config.fieldNames().forEachRemaining(field -> {
                if (field.startsWith("pooling_mode_") && config.path(field).asBoolean(false)) {
                    modes.add(field);
                }
            });
            if (modes.size() > 1 || modes.size() == 1 && Pooling.ofMode(modes.get(0)).isEmpty()) {
                throw new IllegalArgumentException("encoder " + directory + ": " + directory.resolve(
                        "1_Pooling/config.json") + " asks for " + String.join(" and ", modes) + ", which this encoder "
                        + "does not run (it runs one of pooling_mode_cls_token, pooling_mode_mean_tokens and "
                        + "pooling_mode_max_tokens)");
            }
            return modes.isEmpty() ? Pooling.MEAN : Pooling.ofMode(modes.get(0)).orElseThrow();
        });
    }

    /**
     * The Dense module the files add after pooling ({@code modules.json}).
     * @return The module, or null when there is none.
     */
    DenseModule dense() {
        return modules == null ? null : modules.dense();
    }

    /**
     * The token limit the files ask for ({@code max_seq_length} of {@code sentence_bert_config.json}).
     * @return The limit, or empty when the files do not say.
     */
    Optional<Integer> maxTokens() {
        if (known != null) {
            return Optional.of(known.maxTokens());
        }
        return json("sentence_bert_config.json").map(config -> config.path("max_seq_length").asInt(0))
                .filter(limit -> limit > 0);
    }

    /**
     * Do the files normalise their vectors ({@code modules.json} lists a Normalize module)? Known encoders do.
     * @return True or false, or empty when the files do not say.
     */
    Optional<Boolean> normalize() {
        if (known != null) {
            return Optional.of(true);
        }
        return modules.normalize();
    }

    /** What {@code modules.json} lists after the transformer and the pooling. */
    private record Modules(Optional<Boolean> normalize, DenseModule dense) {}

    /**
     * Reads {@code modules.json}: a Transformer, a Pooling, optionally a Dense (read from its folder) and a Normalize;
     * any other module is refused, naming it, as its vectors would not be the model's embeddings.
     */
    private Modules readModules() {
        Optional<JsonNode> modules = json("modules.json");
        if (modules.isEmpty()) {
            return new Modules(Optional.empty(), null);
        }
        boolean normalize = false;
        DenseModule found = null;
        for (JsonNode module : modules.get()) {
            String type = module.path("type").asText("");
            String name = type.substring(type.lastIndexOf('.') + 1);
            switch (name) {
                case "Transformer", "Pooling" -> { }
                case "Normalize" -> normalize = true;
                case "Dense" -> {
                    if (found != null) {
                        throw new IllegalArgumentException("encoder " + directory + ": modules.json lists two Dense "
                                + "modules; this encoder runs one");
                    }
                    found = DenseModule.read(directory.resolve(module.path("path").asText("2_Dense")));
                }
                default -> throw new IllegalArgumentException("encoder " + directory + ": modules.json lists the "
                        + "module '" + type + "', which this encoder does not run (it runs Transformer, Pooling, Dense "
                        + "and Normalize)");
            }
        }
        return new Modules(Optional.of(normalize), found);
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

    /** An entry of a known encoder's artifact: from the class path, else from its jar in the local repository. */
    private byte[] artifactEntry(String entry) {
        try (InputStream in = EncoderFiles.class.getResourceAsStream("/" + entry)) {
            if (in != null) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalStateException("encoder " + known.modelName() + ": reading " + entry + " from the class "
                    + "path failed (" + e.getMessage() + ")", e);
        }
        Path jar = known.jarIn(KnownEncoder.localRepository());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("encoder " + known.shortName() + ": fetch its Maven artifact once with "
                    + "'mvn dependency:get -Dartifact=" + known.coordinates() + "' (it is not on the class path, nor at "
                    + jar + ")");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry found = zip.getEntry(entry);
            if (found == null) {
                throw new IllegalArgumentException(jar + ": has no " + entry + "; is it the artifact "
                        + known.coordinates() + "?");
            }
            try (InputStream in = zip.getInputStream(found)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(jar + ": not a readable jar (" + AtomicFiles.describe(e)
                    + "); fetch it again with: mvn dependency:get -Dartifact=" + known.coordinates(), e);
        }
    }

    private static String sha256(byte[] model, byte[] tokenizer, DenseModule dense) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(model);
            digest.update(tokenizer);
            if (dense != null) {
                digest.update(dense.bytes());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
