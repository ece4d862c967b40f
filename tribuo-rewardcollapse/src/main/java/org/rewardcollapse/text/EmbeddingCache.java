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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Embeddings on disk, keyed by the encoder's fingerprint and the text, so that retraining and evaluation never encode a
 * text twice. Each encoder has two segment files, {@code <fingerprint>.emb} (appended to) and
 * {@code <fingerprint>.old.emb} (the one before): when the current one reaches {@link #DEFAULT_SEGMENT_BYTES} it
 * becomes the old one, replacing it, so an encoder's cache never holds more than twice that. Files are never read
 * whole: each is scanned once per JVM into an index of record positions (about 32 bytes of heap per cached text) and
 * vectors are read when asked for ({@link CacheSegment}). A torn or corrupt record ends the read, so a crash while
 * appending loses at most that record; appends take a file lock, so processes can share the directory; files are
 * opened without following symbolic links; NaN or infinite vectors are never cached.
 * <p>
 * A text's key is the SHA-256 of its UTF-8 bytes; a text with a lone surrogate (which UTF-8 cannot hold: Java writes
 * {@code ?} for it) is keyed by its UTF-16 code units after a byte no UTF-8 text has, so no two texts share a key.
 * <p>
 * The directory is the encoder's own setting ({@link OnnxTextEncoder#withCache}): a library user opts in, and the
 * command line uses {@link #defaultDirectory()}. A directory that cannot be used turns the cache off with one warning
 * naming the file.
 */
public final class EmbeddingCache {
    /** The environment variable naming the default cache directory ({@code none}: no cache). */
    public static final String DIRECTORY_ENVIRONMENT = "REWARDCOLLAPSE_EMBEDDING_CACHE";
    /** The size at which an encoder's current segment becomes its old one: 512 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 512L << 20;
    private static final Logger logger = Logger.getLogger(EmbeddingCache.class.getName());
    private static final Map<String, EmbeddingCache> OPEN = new ConcurrentHashMap<>();
    private static final EmbeddingCache NONE = new EmbeddingCache(null, null, 0, 0, null, null);

    private final Path file;
    private final Path oldFile;
    private final int dimension;
    private final long segmentBytes;
    private CacheSegment current;
    private CacheSegment previous;

    private EmbeddingCache(Path file, Path oldFile, int dimension, long segmentBytes, CacheSegment current,
                           CacheSegment previous) {
        this.file = file;
        this.oldFile = oldFile;
        this.dimension = dimension;
        this.segmentBytes = segmentBytes;
        this.current = current;
        this.previous = previous;
    }

    /**
     * The cache of one encoder in a directory, indexed once per JVM.
     * @param directory The cache directory, or null for no cache.
     * @param fingerprint The encoder's fingerprint.
     * @param dimension The width of its vectors.
     * @return The cache (one that keeps nothing when caching is off or impossible).
     */
    public static EmbeddingCache open(Path directory, String fingerprint, int dimension) {
        return open(directory, fingerprint, dimension, DEFAULT_SEGMENT_BYTES);
    }

    /**
     * The cache of one encoder in a directory, with its segment size.
     * @param directory The cache directory, or null for no cache.
     * @param fingerprint The encoder's fingerprint.
     * @param dimension The width of its vectors.
     * @param segmentBytes The size at which the current segment becomes the old one.
     * @return The cache.
     */
    static EmbeddingCache open(Path directory, String fingerprint, int dimension, long segmentBytes) {
        if (directory == null) {
            return NONE;
        }
        Path file = directory.resolve(fingerprint + ".emb").toAbsolutePath().normalize();
        Path oldFile = file.resolveSibling(fingerprint + ".old.emb");
        return OPEN.computeIfAbsent(file + "/" + dimension, key -> {
            try {
                Files.createDirectories(directory);
                CacheSegment current = CacheSegment.open(file, dimension, true);
                CacheSegment previous = null;
                if (Files.exists(oldFile, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        previous = CacheSegment.open(oldFile, dimension, false);
                    } catch (IOException | RuntimeException e) {
                        logger.warning("embedding cache " + oldFile + " cannot be read (" + describe(e)
                                + "); using " + file + " alone");
                    }
                }
                return new EmbeddingCache(file, oldFile, dimension, segmentBytes, current, previous);
            } catch (IOException | RuntimeException e) {
                logger.warning("embedding cache " + file + " cannot be used (" + describe(e) + "); encoding without it");
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
        if (file == null) {
            return null;
        }
        return get(key(text));
    }

    private float[] get(byte[] key) {
        float[] vector = current.get(key);
        return vector != null || previous == null ? vector : previous.get(key);
    }

    /**
     * Caches vectors, appending them to the current segment (vectors of another width, with a NaN or infinite value,
     * or already cached are left out).
     * @param texts The texts.
     * @param encoded Their vectors, aligned.
     */
    public synchronized void putAll(List<String> texts, List<float[]> encoded) {
        if (file == null || texts.isEmpty()) {
            return;
        }
        List<byte[]> keys = new ArrayList<>(texts.size());
        for (String text : texts) {
            keys.add(key(text));
        }
        putKeys(keys, encoded);
    }

    /**
     * Caches vectors given by their texts' keys ({@link #keyOf}), as another machine (a Spark executor) encoded them;
     * the same rules as {@link #putAll}.
     * @param hexKeys The texts' keys, in hex.
     * @param encoded Their vectors, aligned.
     * @return How many vectors were added (not cached before, of this cache's width and finite).
     * @throws IllegalArgumentException If a key is not 64 hex digits.
     */
    public synchronized int putKeyed(List<String> hexKeys, List<float[]> encoded) {
        if (file == null || hexKeys.isEmpty()) {
            return 0;
        }
        List<byte[]> keys = new ArrayList<>(hexKeys.size());
        for (String hex : hexKeys) {
            if (hex == null || hex.length() != 2 * CacheSegment.KEY_BYTES) {
                throw new IllegalArgumentException("an embedding key is 64 hex digits, found '" + hex + "'");
            }
            keys.add(HexFormat.of().parseHex(hex));
        }
        return putKeys(keys, encoded);
    }

    private int putKeys(List<byte[]> candidates, List<float[]> encoded) {
        List<byte[]> keys = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Set<String> batch = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            byte[] key = candidates.get(i);
            float[] vector = encoded.get(i);
            if (vector.length == dimension && finite(vector) && get(key) == null
                    && batch.add(HexFormat.of().formatHex(key))) {
                keys.add(key);
                vectors.add(vector);
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        try {
            if (current.bytes() >= segmentBytes) {
                rotate();
            }
            current.append(keys, vectors);
            return keys.size();
        } catch (IOException e) {
            logger.warning("cannot append to the embedding cache " + file + " (" + describe(e) + ")");
            return 0;
        }
    }

    /** The current segment becomes the old one (replacing it) and a new current one starts. */
    private void rotate() throws IOException {
        Files.move(file, oldFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (previous != null) {
            previous.close();
        }
        previous = current;
        current = CacheSegment.open(file, dimension, true);
        logger.info("embedding cache " + file + " reached " + segmentBytes + " bytes: it is now " + oldFile
                + " and a new one is started");
    }

    /**
     * How many vectors this cache holds.
     * @return The count.
     */
    public synchronized int size() {
        return file == null ? 0 : current.size() + (previous == null ? 0 : previous.size());
    }

    /**
     * A text's key: the SHA-256 of its UTF-8 bytes, or, for a text with a lone surrogate, of a 0xFF byte (which no
     * UTF-8 text holds) and its UTF-16 code units.
     * @param text The text.
     * @return The 32-byte key.
     */
    static byte[] key(String text) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        if (wellFormed(text)) {
            return digest.digest(text.getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) 0xFF);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            digest.update((byte) (c >>> 8));
            digest.update((byte) c);
        }
        return digest.digest();
    }

    /**
     * A text's key in hex: the name under which an encoded data file ({@code SparkEncoding}'s) gives its vector, and
     * under which this cache keeps it.
     * @param text The text.
     * @return 64 hex digits.
     */
    public static String keyOf(String text) {
        return HexFormat.of().formatHex(key(text));
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(float[] vector) {
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }
}
