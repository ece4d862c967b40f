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

/**
 * Where each record of a cache file starts, by the first 8 bytes of its key: an open-addressing table of primitive
 * longs (16 bytes a slot, at most half full), so that a file of a million vectors costs about 32 MB of heap instead
 * of the vectors themselves. A later record with the same 8 bytes replaces an earlier one; the reader compares the
 * whole key.
 */
final class OffsetIndex {
    private long[] keys = new long[64];
    private long[] positions = new long[64];
    private int size;

    /**
     * Records a position.
     * @param key The key's first 8 bytes.
     * @param position The record's position (>= 0).
     */
    synchronized void put(long key, long position) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int slot = find(keys, positions, key);
        if (positions[slot] == 0) {
            size++;
        }
        keys[slot] = key;
        positions[slot] = position + 1;
    }

    /**
     * A position.
     * @param key The key's first 8 bytes.
     * @return The position, or -1 when the key is not held.
     */
    synchronized long get(long key) {
        return positions[find(keys, positions, key)] - 1;
    }

    /**
     * How many keys are held.
     * @return The count.
     */
    synchronized int size() {
        return size;
    }

    private static int find(long[] keys, long[] positions, long key) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (positions[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldPositions = positions;
        keys = new long[oldKeys.length * 2];
        positions = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldPositions[i] != 0) {
                int slot = find(keys, positions, oldKeys[i]);
                keys[slot] = oldKeys[i];
                positions[slot] = oldPositions[i];
            }
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
