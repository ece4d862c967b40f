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
package org.rewardcollapse.onnx;

import org.tribuo.Example;
import org.tribuo.Feature;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The dense input rows of a scorer: direct float buffers of one batch each (ONNX Runtime reads direct buffers in
 * place), from a pool that holds at most one buffer per thread that has scored at once, so memory does not grow with the
 * rows scored; examples are written in by feature name, and only the positions written are zeroed afterwards.
 */
final class FeatureBuffers {
    private final Map<String, Integer> columns;
    private final int numFeatures;
    private final int batchSize;
    private final Queue<FloatBuffer> pool = new ConcurrentLinkedQueue<>();

    /**
     * Buffers for a model's columns.
     * @param columns Feature name to column.
     * @param numFeatures The number of columns.
     * @param batchSize Rows per buffer.
     */
    FeatureBuffers(Map<String, Integer> columns, int numFeatures, int batchSize) {
        this.columns = columns;
        this.numFeatures = numFeatures;
        this.batchSize = batchSize;
    }

    /**
     * A zeroed buffer of one batch.
     * @return The buffer; give it back with {@link #release}.
     */
    FloatBuffer acquire() {
        FloatBuffer buffer = pool.poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(Math.multiplyExact(batchSize, numFeatures) * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return buffer;
    }

    /**
     * Returns a zeroed buffer to the pool.
     * @param buffer The buffer.
     */
    void release(FloatBuffer buffer) {
        pool.offer(buffer);
    }

    /** Drops the pooled buffers (their memory goes with the garbage collector). */
    void clear() {
        pool.clear();
    }

    /**
     * Writes a batch of examples into a buffer's rows, remembering every position written.
     * @param buffer The buffer.
     * @param examples The examples.
     * @param from The first example of the batch.
     * @param rows The batch's size.
     * @param touched Receives the positions written.
     * @throws IllegalArgumentException If an example has none of the model's features.
     */
    void fill(FloatBuffer buffer, List<? extends Example<?>> examples, int from, int rows, Touched touched) {
        for (int r = 0; r < rows; r++) {
            int offset = r * numFeatures;
            int known = 0;
            for (Feature feature : examples.get(from + r)) {
                Integer column = columns.get(feature.getName());
                if (column != null) {
                    int index = offset + column;
                    buffer.put(index, buffer.get(index) + (float) feature.getValue());
                    touched.add(index);
                    known++;
                }
            }
            if (known == 0) {
                throw new IllegalArgumentException("example " + (from + r) + " has none of the model's " + numFeatures
                        + " features (is it from another feature space?)");
            }
        }
    }

    /**
     * The first values of a buffer as a buffer of its own.
     * @param buffer The buffer.
     * @param length The number of values.
     * @return The view.
     */
    static FloatBuffer rows(FloatBuffer buffer, int length) {
        FloatBuffer view = buffer.duplicate();
        view.position(0).limit(length);
        return view.slice();
    }

    /** The positions of a buffer written for one batch, to zero them afterwards (far fewer than the buffer holds). */
    static final class Touched {
        private int[] positions = new int[1024];
        private int count;

        void add(int position) {
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
            }
            positions[count++] = position;
        }

        void clear(FloatBuffer buffer) {
            for (int i = 0; i < count; i++) {
                buffer.put(positions[i], 0.0f);
            }
            count = 0;
        }
    }
}
