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

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.rewardcollapse.data.features.TextEncoder;
import org.rewardcollapse.onnx.Device;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import static org.rewardcollapse.io.InvalidSettingException.require;

/**
 * A sentence-transformer run by ONNX Runtime in the JVM: the bundled all-MiniLM-L6-v2 or a directory with an ONNX
 * export and its {@code tokenizer.json}. Texts longer than the token limit are encoded in windows whose vectors are
 * averaged, weighted by their tokens, so no text is cut; a blank text gets the zero vector. With a cache directory
 * ({@link #withCache}) vectors are cached on disk by {@link EmbeddingCache}, so no text is encoded twice.
 * <p>
 * The configuration records the resolved settings and the files' SHA-256: an encoder rebuilt from a provenance
 * whose files have changed is refused with both hashes.
 */
public final class OnnxTextEncoder implements TextEncoder {
    /** The logger of the encoding progress lines. */
    public static final String PROGRESS_LOGGER = "org.rewardcollapse.text.progress";
    /** The most ONNX Runtime threads a setting may ask for (a run uses at most one per available core). */
    public static final int MAX_THREADS = 1024;
    /** The most tokens per window (BERT-style position tables hold 512). */
    public static final int MAX_TOKENS = 512;
    private static final Logger progress = Logger.getLogger(PROGRESS_LOGGER);
    private static final int CHUNK = 256;
    private static final int GPU_BATCH = 32;
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    @Config(description = "A known encoder by name (minilm, bge-small, e5-small, minilm-q8: KnownEncoder), read from its Maven "
            + "artifact; unset, and no modelDirectory: all-MiniLM-L6-v2.")
    private String model;

    @Config(description = "Directory of a sentence-transformers ONNX export (model.onnx or onnx/model.onnx, "
            + "tokenizer.json), instead of a known model.")
    private Path modelDirectory;

    @Config(description = "Pooling of the token vectors, MEAN or CLS; unset: what the directory's "
            + "1_Pooling/config.json says, else MEAN.")
    private Pooling pooling;

    @Config(description = "Tokens per window, special tokens included, in [8, 512]; longer texts are encoded in "
            + "windows. 0: the model's max_seq_length (256 for all-MiniLM-L6-v2; 512 when a directory does not say).")
    private int maxTokens = 0;

    @Config(description = "L2-normalise the vectors; unset: what the directory's modules.json says, else true.")
    private Boolean normalize;

    @Config(description = "SHA-256 of the model and tokenizer files; set when the encoder is first made, and an "
            + "encoder whose files differ is refused.")
    private String sha256;

    @Config(description = "Device: cpu, cuda, cuda:ID or auto (CUDA when the GPU build and a device are present).")
    private String device = "auto";

    @Config(description = "Threads, in [0, 1024] (0: one per core): on the CPU, windows encoded at once, each on one "
            + "ONNX Runtime thread; on a GPU, ONNX Runtime intra-op threads. At most one per available core is used.")
    private int numThreads = 0;

    @Config(description = "Windows per ONNX Runtime call, >= 0. 0 (the default): 1 on the CPU, where it is as fast "
            + "and makes every vector independent of the texts encoded with it (a dynamically quantised model's are "
            + "not, in a batch), and 32 windows of similar length on a GPU, where batches pay.")
    private int batchSize = 0;

    /** Where vectors are cached (not configured: it changes no vector); null for no cache. */
    private Path cacheDirectory;
    private KnownEncoder known;
    private Device parsedDevice;
    private volatile Loaded loaded;
    private final AtomicLong windowed = new AtomicLong();

    /** The files, their resolved settings and the runtime, read on first use. */
    private record Loaded(EncoderFiles files, String fingerprint, EncoderRuntime runtime) {}

    /**
     * For OLCUT.
     */
    private OnnxTextEncoder() {}

    /**
     * The bundled all-MiniLM-L6-v2 with its settings (mean pooling, 256-token windows, normalised), on {@code auto}.
     * @return The encoder.
     */
    public static OnnxTextEncoder miniLm() {
        return new OnnxTextEncoder(null, null, 0, "auto", 0);
    }

    /**
     * A known encoder with its model card's settings (all-MiniLM-L6-v2 comes with the runnable jar; the others from
     * their Maven artifacts, see {@link KnownEncoder}).
     * @param known The encoder.
     * @param maxTokens Tokens per window, or 0 for its model card's.
     * @param device The device spec ({@code cpu}, {@code cuda[:ID]}, {@code auto}).
     * @param numThreads Threads (0: one per core): windows encoded at once on the CPU, intra-op threads on a GPU.
     * @return The encoder; its files are read on first use.
     */
    public static OnnxTextEncoder of(KnownEncoder known, int maxTokens, String device, int numThreads) {
        OnnxTextEncoder encoder = new OnnxTextEncoder();
        encoder.model = known == KnownEncoder.MINILM ? null : known.shortName();
        encoder.maxTokens = maxTokens;
        encoder.device = device;
        encoder.numThreads = numThreads;
        encoder.postConfig();
        return encoder;
    }

    /**
     * The encoder a user names: a known encoder's short or model name ({@link KnownEncoder}), or a directory holding a
     * sentence-transformers ONNX export (model.onnx and tokenizer.json).
     * @param nameOrDirectory The name or the directory.
     * @param maxTokens Tokens per window, or 0 for the model's own.
     * @param device The device spec ({@code cpu}, {@code cuda[:ID]}, {@code auto}).
     * @param numThreads Threads (0: one per core): windows encoded at once on the CPU, intra-op threads on a GPU.
     * @return The encoder; its files are read on first use.
     * @throws IllegalArgumentException If the name is neither a known encoder nor a directory, listing the names.
     */
    public static OnnxTextEncoder named(String nameOrDirectory, int maxTokens, String device, int numThreads) {
        Path directory = Path.of(nameOrDirectory.strip());
        if (Files.isDirectory(directory)) {
            return new OnnxTextEncoder(directory, null, maxTokens, device, numThreads);
        }
        KnownEncoder known;
        try {
            known = KnownEncoder.named(nameOrDirectory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be " + KnownEncoder.names() + " or a directory with model.onnx and "
                    + "tokenizer.json, found '" + nameOrDirectory + "'", e);
        }
        return of(known, maxTokens, device, numThreads);
    }

    /**
     * An encoder. Its files are read on first use (an encoder rebuilt from a model's provenance can be
     * {@linkplain #relocatedTo relocated} first).
     * @param modelDirectory A sentence-transformers ONNX export, or null for the bundled all-MiniLM-L6-v2.
     * @param pooling The pooling, or null for what the files say.
     * @param maxTokens Tokens per window, or 0 for what the files say.
     * @param device The device spec ({@code cpu}, {@code cuda[:ID]}, {@code auto}).
     * @param numThreads Threads (0: one per core): windows encoded at once on the CPU, intra-op threads on a GPU.
     */
    public OnnxTextEncoder(Path modelDirectory, Pooling pooling, int maxTokens, String device, int numThreads) {
        this.modelDirectory = modelDirectory;
        this.pooling = pooling;
        this.maxTokens = maxTokens;
        this.device = device;
        this.numThreads = numThreads;
        postConfig();
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        parsedDevice = Device.parse(device);
        require(numThreads >= 0 && numThreads <= MAX_THREADS, "encoder numThreads", "must be in [0, " + MAX_THREADS
                + "], found " + numThreads);
        require(batchSize >= 0, "encoder batchSize", "must be >= 0, found " + batchSize);
        require(maxTokens == 0 || (maxTokens >= 8 && maxTokens <= MAX_TOKENS), "encoder maxTokens",
                "must be 0 or in [8, " + MAX_TOKENS + "], found " + maxTokens);
        if (modelDirectory != null) {
            modelDirectory = modelDirectory.toAbsolutePath().normalize();
        }
        require(model == null || modelDirectory == null, "model", "and modelDirectory are two sources of files; give "
                + "one");
        known = model == null ? KnownEncoder.MINILM : KnownEncoder.named(model);
    }

    /** Reads the files (once), checks them against the recorded hash and resolves the settings they give. */
    private Loaded loaded() {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (loaded == null) {
                EncoderFiles files = modelDirectory == null ? EncoderFiles.of(known) : EncoderFiles.of(modelDirectory);
                if (sha256 != null && !sha256.isEmpty() && !sha256.equalsIgnoreCase(files.sha256())) {
                    throw new IllegalArgumentException("encoder " + files.name() + " has SHA-256 " + files.sha256()
                            + ", but this model was made with the encoder of SHA-256 " + sha256 + "; give the encoder "
                            + "it was trained with");
                }
                sha256 = files.sha256();
                if (pooling == null) {
                    pooling = files.pooling().orElse(Pooling.MEAN);
                }
                if (maxTokens == 0) {
                    maxTokens = files.maxTokens().orElse(MAX_TOKENS);
                    if (maxTokens < 8 || maxTokens > MAX_TOKENS) {
                        throw new IllegalArgumentException("encoder " + files.name() + ": max_seq_length " + maxTokens
                                + " of " + (modelDirectory == null ? "its model card" : modelDirectory.resolve(
                                "sentence_bert_config.json")) + " is outside [8, " + MAX_TOKENS + "]; give the tokens "
                                + "per window (--encoder-max-tokens) yourself");
                    }
                }
                if (normalize == null) {
                    normalize = files.normalize().orElse(true);
                }
                loaded = new Loaded(files, fingerprintOf(sha256, pooling, maxTokens, normalize),
                        EncoderRuntime.of(files, parsedDevice, numThreads));
            }
            return loaded;
        }
    }

    private OnnxTextEncoder copy() {
        OnnxTextEncoder copy = new OnnxTextEncoder();
        copy.model = model;
        copy.modelDirectory = modelDirectory;
        copy.pooling = pooling;
        copy.maxTokens = maxTokens;
        copy.normalize = normalize;
        copy.sha256 = sha256;
        copy.device = device;
        copy.numThreads = numThreads;
        copy.batchSize = batchSize;
        copy.cacheDirectory = cacheDirectory;
        return copy;
    }

    /** A copy of this encoder with a change, checked. */
    private OnnxTextEncoder with(java.util.function.Consumer<OnnxTextEncoder> change) {
        OnnxTextEncoder copy = copy();
        change.accept(copy);
        copy.postConfig();
        return copy;
    }

    /**
     * This encoder on another device (scoring chooses its device; the vectors do not change beyond rounding).
     * @param other The device spec.
     * @return An encoder with the same files and settings on that device.
     */
    @Override
    public OnnxTextEncoder onDevice(String other) {
        return with(copy -> copy.device = other);
    }

    @Override
    public OnnxTextEncoder relocatedTo(Path directory) {
        if (modelDirectory == null) {
            throw new IllegalArgumentException("the encoder is " + known.modelName() + " from its Maven artifact"
                    + ", which has no directory to move");
        }
        return with(copy -> copy.modelDirectory = directory);
    }

    @Override
    public OnnxTextEncoder withThreads(int threads) {
        return with(copy -> copy.numThreads = threads);
    }

    @Override
    public OnnxTextEncoder withCache(Path directory) {
        return with(copy -> copy.cacheDirectory = directory);
    }

    @Override
    public int dimension() {
        return loaded().runtime().dimension();
    }

    @Override
    public String fingerprint() {
        return loaded().fingerprint();
    }

    /**
     * The SHA-256 of the encoder's model and tokenizer files (what {@link #fingerprint()} adds its settings to).
     * @return The hash, in hex.
     */
    public String sha256() {
        loaded();
        return sha256;
    }

    @Override
    public String describe() {
        EncoderRuntime runtime = loaded().runtime();
        return (modelDirectory == null ? known.modelName() : modelDirectory.getFileName().toString()) + " ("
                + pooling.name().toLowerCase(Locale.ROOT) + " pooling, " + maxTokens + "-token windows, "
                + (normalize ? "normalised, " : "") + "on " + runtime.device() + ", SHA-256 " + sha256.substring(0, 12)
                + ")";
    }

    /**
     * How many texts this encoder has seen (encoded or found in the cache) that were longer than its window.
     * @return The count.
     */
    @Override
    public long windowedTexts() {
        return windowed.get();
    }

    @Override
    public List<float[]> encode(List<String> texts) {
        EncoderRuntime runtime = loaded().runtime();
        EmbeddingCache cache = EmbeddingCache.open(cacheDirectory, fingerprint(), dimension());
        List<float[]> vectors = new ArrayList<>(texts.size());
        List<Integer> missing = new ArrayList<>();
        int limit = maxTokens - runtime.specialTokens();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            float[] known = text.isBlank() ? new float[dimension()] : cache.get(text);
            vectors.add(known);
            if (known == null) {
                missing.add(i);
            } else if (!text.isBlank() && runtime.tokens(text).length > limit) {
                windowed.incrementAndGet();
            }
        }
        if (missing.isEmpty()) {
            return vectors;
        }
        long start = System.nanoTime();
        long lastReport = start;
        for (int from = 0; from < missing.size(); from += CHUNK) {
            List<Integer> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
            List<long[]> tokens = new ArrayList<>(chunk.size());
            List<String> chunkTexts = new ArrayList<>(chunk.size());
            for (int i : chunk) {
                long[] ids = runtime.tokens(texts.get(i));
                if (ids.length > limit) {
                    windowed.incrementAndGet();
                }
                tokens.add(ids.length == 0 ? new long[]{} : ids);
                chunkTexts.add(texts.get(i));
            }
            List<float[]> encoded = encodeTokens(tokens);
            for (int k = 0; k < chunk.size(); k++) {
                requireFinite(encoded.get(k), texts.get(chunk.get(k)));
                vectors.set(chunk.get(k), encoded.get(k));
            }
            cache.putAll(chunkTexts, encoded);
            long now = System.nanoTime();
            int done = Math.min(missing.size(), from + CHUNK);
            if (now - lastReport >= PROGRESS_NANOS && done < missing.size()) {
                lastReport = now;
                double rate = done / ((now - start) / 1e9);
                progress.info(String.format(Locale.ROOT, "encoding: %,d of %,d texts, %.1f texts/s, about %.0f s left",
                        done, missing.size(), rate, (missing.size() - done) / rate));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.info(String.format(Locale.ROOT, "encoded %,d texts in %.1f s (%.1f texts/s) with %s; %,d from the "
                + "cache", missing.size(), seconds, missing.size() / seconds, describe(), texts.size() - missing.size()));
        return vectors;
    }

    /** Refuses a vector with a NaN or infinite value, naming the text (Tribuo would name neither). */
    private void requireFinite(float[] vector, String text) {
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                String shown = text.length() <= 60 ? text : text.substring(0, 60) + "...";
                throw new IllegalStateException("encoder " + describe() + " gave a vector with " + v + " for the text '"
                        + shown.replaceAll("\\s+", " ") + "' (" + text.length() + " characters); the model's files "
                        + "may be damaged or it may overflow on such text");
            }
        }
    }

    /** Encodes token lists; a text without tokens (only whitespace or unknown characters) gets the zero vector. */
    private List<float[]> encodeTokens(List<long[]> tokens) {
        EncoderRuntime runtime = loaded().runtime();
        List<long[]> nonEmpty = new ArrayList<>();
        for (long[] ids : tokens) {
            if (ids.length > 0) {
                nonEmpty.add(ids);
            }
        }
        List<float[]> encoded = runtime.encode(nonEmpty, maxTokens, pooling, normalize,
                batchSize > 0 ? batchSize : runtime.device().kind() == Device.Kind.CUDA ? GPU_BATCH : 1);
        List<float[]> out = new ArrayList<>(tokens.size());
        int next = 0;
        for (long[] ids : tokens) {
            out.add(ids.length > 0 ? encoded.get(next++) : new float[dimension()]);
        }
        return out;
    }

    private static String fingerprintOf(String sha256, Pooling pooling, int maxTokens, boolean normalize) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((sha256 + "|" + pooling + "|" + maxTokens + "|" + normalize).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        loaded(); // the provenance records the resolved settings and the files' hash
        return new ConfiguredObjectProvenanceImpl(this, "TextEncoder");
    }

    @Override
    public String toString() {
        return "OnnxTextEncoder(" + (modelDirectory == null ? known.modelName() : modelDirectory) + ")";
    }
}
