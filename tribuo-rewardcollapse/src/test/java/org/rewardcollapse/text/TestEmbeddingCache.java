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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedding cache is shared, long-lived and read on every encoder command: it must not follow links planted in its
 * directory, must key every text apart, must stay bounded, and must never serve a NaN.
 */
class TestEmbeddingCache {
    @TempDir
    Path dir;

    @Test
    void aDanglingLinkInTheCacheDirectoryIsNotFollowed() throws IOException {
        Path target = dir.resolve("elsewhere").resolve("created-by-the-cache");
        Files.createDirectories(target.getParent());
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        Files.createSymbolicLink(cacheDir.resolve("link.emb"), target);
        EmbeddingCache cache = EmbeddingCache.open(cacheDir, "link", 2);
        cache.putAll(List.of("a text"), List.of(new float[]{1, 2}));
        assertFalse(Files.exists(target), "the link's target must not be created");
        assertNull(cache.get("a text"));
    }

    @Test
    void aTextWithALoneSurrogateDoesNotShareAKeyWithItsQuestionMark() {
        EmbeddingCache cache = EmbeddingCache.open(dir, "surrogates", 2);
        cache.putAll(List.of("a\uD800b"), List.of(new float[]{1, 0}));
        assertNull(cache.get("a?b"));
        cache.putAll(List.of("a?b", "x\uDC00"), List.of(new float[]{0, 1}, new float[]{2, 2}));
        assertArrayEquals(new float[]{1, 0}, cache.get("a\uD800b"));
        assertArrayEquals(new float[]{0, 1}, cache.get("a?b"));
        assertArrayEquals(new float[]{2, 2}, cache.get("x\uDC00"));
        assertNull(cache.get("x?"));
        // A well-formed text keeps the key earlier caches gave it (the SHA-256 of its UTF-8 bytes).
        assertFalse(java.util.Arrays.equals(EmbeddingCache.key("a?b"), EmbeddingCache.key("a\uD800b")));
    }

    @Test
    void theCacheStaysWithinTwoSegmentsAndServesTheLatestTexts() throws IOException {
        long segment = 8 + 4 + 10L * (32 + 4 * 4 + 4); // a header and 10 records of width 4
        EmbeddingCache cache = EmbeddingCache.open(dir, "bounded", 4, segment);
        for (int i = 0; i < 100; i++) {
            cache.putAll(List.of("text " + i), List.of(new float[]{i, i, i, i}));
        }
        Path current = dir.resolve("bounded.emb");
        Path old = dir.resolve("bounded.old.emb");
        assertTrue(Files.size(current) <= segment + 52 && Files.size(old) <= segment + 52,
                Files.size(current) + " " + Files.size(old));
        Files.copy(current, dir.resolve("again.emb"));
        Files.copy(old, dir.resolve("again.old.emb"));
        EmbeddingCache again = EmbeddingCache.open(dir, "again", 4, segment);
        assertArrayEquals(new float[]{99, 99, 99, 99}, again.get("text 99"));
        assertArrayEquals(new float[]{90, 90, 90, 90}, again.get("text 90"));
        assertNull(again.get("text 3"));
        assertTrue(again.size() >= 10 && again.size() <= 22, "size " + again.size());
    }

    @Test
    void aNanVectorIsNeverCachedNorServed() throws IOException {
        EmbeddingCache cache = EmbeddingCache.open(dir, "nan", 2);
        cache.putAll(List.of("bad", "good"), List.of(new float[]{Float.NaN, 1}, new float[]{1, 1}));
        assertNull(cache.get("bad"));
        assertEquals(1, cache.size());
        // A cache written by an earlier version, holding a NaN: the record is ignored, the others are served.
        ByteBuffer file = ByteBuffer.allocate(11 + 2 * (32 + 8 + 4)).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RCEMB1\n".getBytes(StandardCharsets.US_ASCII)).putInt(2);
        record(file, "cached nan", Float.POSITIVE_INFINITY);
        record(file, "cached fine", 0.5f);
        Files.write(dir.resolve("written.emb"), file.array());
        EmbeddingCache written = EmbeddingCache.open(dir, "written", 2);
        assertNull(written.get("cached nan"));
        assertArrayEquals(new float[]{0.5f, 0.5f}, written.get("cached fine"));
    }

    private static void record(ByteBuffer file, String text, float value) {
        int start = file.position();
        file.put(EmbeddingCache.key(text)).putFloat(value).putFloat(value);
        CRC32 crc = new CRC32();
        crc.update(file.array(), start, 32 + 8);
        file.putInt((int) crc.getValue());
    }
}
