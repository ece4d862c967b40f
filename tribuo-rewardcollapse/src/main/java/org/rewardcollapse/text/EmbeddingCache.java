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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * Embeddings on disk, keyed by the encoder's fingerprint and the text's SHA-256, so that retraining and evaluation
 * never encode a text twice. One append-only file per encoder ({@code <fingerprint>.emb}: a header with the width,
 * then records of the text hash, the vector and a CRC-32); a torn or corrupt record ends the read (it and what
 * follows are cut off), so a crash while appending loses at most that record. Appends take a file lock, so
 * processes can share the directory.
 * <p>
 * The directory is the encoder's own setting ({@link OnnxTextEncoder#withCache}): a library user opts in, and the
 * command line uses {@link #defaultDirectory()}. A directory that cannot be written turns the cache off with one
 * warning.
 */
public final class EmbeddingCache {
    /** The environment variable naming the default cache directory ({@code none}: no cache). */
    public static final String DIRECTORY_ENVIRONMENT = "REWARDCOLLAPSE_EMBEDDING_CACHE";
    private static final Logger logger = Logger.getLogger(EmbeddingCache.class.getName());
    private static final byte[] MAGIC = "RCEMB1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH_BYTES = 32;
    private static final Map<String, EmbeddingCache> OPEN = new ConcurrentHashMap<>();
    private static final EmbeddingCache NONE = new EmbeddingCache(null, 0);

    private final Path file;
    private final int dimension;
    private final Map<String, float[]> vectors = new HashMap<>();

    private EmbeddingCache(Path file, int dimension) {
        this.file = file;
        this.dimension = dimension;
    }

    /**
     * The cache of one encoder in a directory, read once per JVM.
     * @param directory The cache directory, or null for no cache.
     * @param fingerprint The encoder's fingerprint.
     * @param dimension The width of its vectors.
     * @return The cache (one that keeps nothing when caching is off or impossible).
     */
    public static EmbeddingCache open(Path directory, String fingerprint, int dimension) {
        if (directory == null) {
            return NONE;
        }
        Path file = directory.resolve(fingerprint + ".emb").toAbsolutePath().normalize();
        return OPEN.computeIfAbsent(file + "/" + dimension, key -> {
            EmbeddingCache cache = new EmbeddingCache(file, dimension);
            try {
                Files.createDirectories(directory);
                cache.read();
                return cache;
            } catch (IOException | RuntimeException e) {
                logger.warning("embedding cache " + file + " cannot be used (" + e.getMessage()
                        + "); encoding without it");
                return NONE;
            }
        });
    }

    /**
     * The command line's cache directory: {@value #DIRECTORY_ENVIRONMENT} when set, else
     * {@code $XDG_CACHE_HOME/rewardcollapse/embeddings} (or {@code ~/.cache/rewardcollapse/embeddings}).
     * @return The directory, or null when the environment variable says {@code none}.
     */
    public static Path defaultDirectory() {
        return directory(System.getenv(DIRECTORY_ENVIRONMENT));
    }

    /**
     * A cache directory as a user names it.
     * @param configured A directory, {@code none}, or null or blank for {@link #defaultDirectory()}'s fallback.
     * @return The directory, or null for no cache.
     */
    public static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip().equalsIgnoreCase("none") ? null : Path.of(configured.strip());
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rewardcollapse").resolve("embeddings");
    }

    /**
     * A cached vector.
     * @param text The text.
     * @return Its vector, or null when it is not cached.
     */
    public synchronized float[] get(String text) {
        float[] vector = file == null ? null : vectors.get(hash(text));
        return vector == null ? null : vector.clone();
    }

    /**
     * Caches vectors, appending them to the file.
     * @param texts The texts.
     * @param encoded Their vectors, aligned.
     */
    public synchronized void putAll(List<String> texts, List<float[]> encoded) {
        if (file == null || texts.isEmpty()) {
            return;
        }
        int recordBytes = HASH_BYTES + 4 * dimension + 4;
        ByteBuffer buffer = ByteBuffer.allocate(recordBytes * texts.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < texts.size(); i++) {
            String key = hash(texts.get(i));
            float[] vector = encoded.get(i);
            if (vector.length != dimension || vectors.containsKey(key)) {
                continue;
            }
            vectors.put(key, vector.clone());
            int start = buffer.position();
            buffer.put(java.util.HexFormat.of().parseHex(key));
            for (float v : vector) {
                buffer.putFloat(v);
            }
            CRC32 crc = new CRC32();
            crc.update(buffer.array(), start, HASH_BYTES + 4 * dimension);
            buffer.putInt((int) crc.getValue());
        }
        buffer.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
            if (channel.size() == 0) {
                channel.write(header());
            }
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            logger.warning("cannot append to the embedding cache " + file + " (" + e.getMessage() + ")");
        }
    }

    private void read() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer expected = header();
        if (data.remaining() < expected.remaining() || !data.slice(0, expected.remaining()).equals(expected)) {
            throw new IOException("not an embedding cache of width " + dimension);
        }
        data.position(expected.remaining());
        int recordBytes = HASH_BYTES + 4 * dimension + 4;
        byte[] hash = new byte[HASH_BYTES];
        while (data.remaining() >= recordBytes) {
            int start = data.position();
            CRC32 crc = new CRC32();
            crc.update(data.array(), start, HASH_BYTES + 4 * dimension);
            data.get(hash);
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                vector[d] = data.getFloat();
            }
            if (data.getInt() != (int) crc.getValue()) {
                logger.warning("embedding cache " + file + ": a corrupt record at byte " + start
                        + "; the rest of the file is dropped");
                truncate(start);
                return;
            }
            vectors.put(java.util.HexFormat.of().formatHex(hash), vector);
        }
        if (data.hasRemaining()) {
            truncate(data.position());
        }
    }

    /** Cuts a torn or corrupt tail, so that later appends are read again. */
    private void truncate(long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            channel.truncate(size);
        }
    }

    private ByteBuffer header() {
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(dimension).flip();
        return header;
    }

    private static String hash(String text) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * How many vectors this cache holds.
     * @return The count.
     */
    public synchronized int size() {
        return vectors.size();
    }
}
