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
package org.rewardcollapse.train;

import org.rewardcollapse.model.SparseFeatures;

import java.util.Arrays;

/**
 * The rows of a network's first layer that a minibatch touched: its examples' features and the bias row. A sparse
 * (lazy) update visits only these, where a dense one visits every feature's row whatever the minibatch held.
 */
final class TouchedRows {
    private final boolean[] marked;
    private int[] rows = new int[256];
    private int count;

    /**
     * Rows of a first layer.
     * @param inputs The layer's inputs (features); the bias row is {@code inputs}.
     */
    TouchedRows(int inputs) {
        this.marked = new boolean[inputs + 1];
    }

    /**
     * Marks an example's feature rows and the bias row.
     * @param x The example's features.
     */
    void mark(SparseFeatures x) {
        for (int index : x.indices()) {
            mark(index);
        }
        mark(marked.length - 1);
    }

    /**
     * Marks another set's rows too.
     * @param other The other set.
     */
    void addAll(TouchedRows other) {
        for (int i = 0; i < other.count; i++) {
            mark(other.rows[i]);
        }
    }

    private void mark(int row) {
        if (!marked[row]) {
            marked[row] = true;
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, count * 2);
            }
            rows[count++] = row;
        }
    }

    /**
     * Forgets every row.
     */
    void clear() {
        for (int i = 0; i < count; i++) {
            marked[rows[i]] = false;
        }
        count = 0;
    }

    /**
     * How many rows are marked.
     * @return The count.
     */
    int count() {
        return count;
    }

    /**
     * The i-th marked row, in marking order.
     * @param i The position, below {@link #count()}.
     * @return The row.
     */
    int row(int i) {
        return rows[i];
    }
}
