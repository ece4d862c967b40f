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
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * One file of an {@link EmbeddingCache}: a header with the vectors' width, then records of the text's key (32 bytes),
 * the vector (little-endian floats) and a CRC-32. The file is never read whole: it is scanned once into an index of
 * record positions ({@link OffsetIndex}, 16 bytes a slot), and a vector is read from the file when asked for. It is
 * opened without following a symbolic link (a link in a shared cache directory could otherwise make this process create
 * or write a file wherever it can write). A torn or corrupt record ends the scan (it and what follows are cut off); a
 * record with a NaN or infinite value is skipped.
 */
final class CacheSegment implements AutoCloseable {
    private static final Logger logger = Logger.getLogger(EmbeddingCache.class.getName());
    private static final byte[] MAGIC = "RCEMB1\n".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of a record's key. */
    static final int KEY_BYTES = 32;
    private static final int SCAN_BYTES = 1 << 20;

    private final Path file;
    private final int dimension;
    private final int recordBytes;
    private final FileChannel channel;
    private final OffsetIndex index = new OffsetIndex();

    private CacheSegment(Path file, int dimension, FileChannel channel) {
        this.file = file;
        this.dimension = dimension;
        this.recordBytes = KEY_BYTES + 4 * dimension + 4;
        this.channel = channel;
    }

    /**
     * Opens (creating it when asked) and indexes a segment.
     * @param file The file.
     * @param dimension The vectors' width.
     * @param create Create the file when it does not exist.
     * @return The segment.
     * @throws IOException If the file cannot be opened (a symbolic link among them) or is not a cache of this width.
     */
    static CacheSegment open(Path file, int dimension, boolean create) throws IOException {
        Set<OpenOption> options = create ? Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS)
                : Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = FileChannel.open(file, options);
        CacheSegment segment = new CacheSegment(file, dimension, channel);
        try {
            segment.scan();
            return segment;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The file.
     * @return The path.
     */
    Path file() {
        return file;
    }

    /**
     * How many vectors the segment holds.
     * @return The count.
     */
    int size() {
        return index.size();
    }

    /**
     * The file's size.
     * @return Bytes.
     * @throws IOException If it cannot be read.
     */
    long bytes() throws IOException {
        return channel.size();
    }

    /**
     * A vector by its key.
     * @param key The text's key.
     * @return The vector, or null when the segment does not hold it.
     */
    float[] get(byte[] key) {
        long position = index.get(prefix(key, 0));
        if (position < 0) {
            return null;
        }
        ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (record.hasRemaining()) {
                if (channel.read(record, position + record.position()) < 0) {
                    return null;
                }
            }
        } catch (IOException e) {
            logger.warning("embedding cache " + file + ": cannot read a record (" + e.getMessage() + ")");
            return null;
        }
        if (!Arrays.equals(record.array(), 0, KEY_BYTES, key, 0, KEY_BYTES)) {
            return null; // another key with the same first 8 bytes
        }
        record.position(KEY_BYTES);
        float[] vector = new float[dimension];
        record.asFloatBuffer().get(vector);
        return vector;
    }

    /**
     * Appends records under the file's lock.
     * @param keys The texts' keys.
     * @param vectors Their vectors (finite, of the segment's width).
     * @throws IOException If the file cannot be written.
     */
    void append(List<byte[]> keys, List<float[]> vectors) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(recordBytes * keys.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < keys.size(); i++) {
            int start = buffer.position();
            buffer.put(keys.get(i));
            for (float v : vectors.get(i)) {
                buffer.putFloat(v);
            }
            CRC32 crc = new CRC32();
            crc.update(buffer.array(), start, KEY_BYTES + 4 * dimension);
            buffer.putInt((int) crc.getValue());
        }
        buffer.flip();
        try (FileLock lock = channel.lock()) {
            if (channel.size() == 0) {
                ByteBuffer header = header();
                while (header.hasRemaining()) {
                    channel.write(header, channel.size());
                }
            }
            long start = channel.size();
            long position = start;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            for (int i = 0; i < keys.size(); i++) {
                index.put(prefix(keys.get(i), 0), start + (long) i * recordBytes);
            }
        }
    }

    private void scan() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer expected = header();
        ByteBuffer found = ByteBuffer.allocate(expected.remaining());
        channel.read(found, 0);
        if (!found.flip().equals(expected)) {
            throw new IOException("not an embedding cache of width " + dimension);
        }
        long position = expected.remaining();
        int perRead = Math.max(1, SCAN_BYTES / recordBytes);
        ByteBuffer buffer = ByteBuffer.allocate(perRead * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        int skipped = 0;
        while (size - position >= recordBytes) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), (size - position) / recordBytes * recordBytes));
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
                // read until the chunk is full
            }
            buffer.flip();
            for (int at = 0; at + recordBytes <= buffer.limit(); at += recordBytes, position += recordBytes) {
                CRC32 crc = new CRC32();
                crc.update(buffer.array(), at, KEY_BYTES + 4 * dimension);
                if (buffer.getInt(at + recordBytes - 4) != (int) crc.getValue()) {
                    logger.warning("embedding cache " + file + ": a corrupt record at byte " + position
                            + "; the rest of the file is dropped");
                    truncate(position, size);
                    return;
                }
                if (finite(buffer, at + KEY_BYTES)) {
                    index.put(prefix(buffer.array(), at), position);
                } else {
                    skipped++;
                }
            }
        }
        if (skipped > 0) {
            logger.warning("embedding cache " + file + ": " + skipped + " vectors with NaN or infinite values are "
                    + "ignored (their texts are encoded again)");
        }
        if (position < size) {
            truncate(position, size);
        }
    }

    private boolean finite(ByteBuffer buffer, int from) {
        for (int d = 0; d < dimension; d++) {
            if (!Float.isFinite(buffer.getFloat(from + 4 * d))) {
                return false;
            }
        }
        return true;
    }

    /** Cuts a torn or corrupt tail, so that later appends are read again (unless another process appended since). */
    private void truncate(long at, long sizeSeen) throws IOException {
        try (FileLock lock = channel.lock()) {
            if (channel.size() == sizeSeen) {
                channel.truncate(at);
            }
        }
    }

    private ByteBuffer header() {
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(dimension).flip();
        return header;
    }

    private static long prefix(byte[] key, int from) {
        return ByteBuffer.wrap(key, from, 8).getLong();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
