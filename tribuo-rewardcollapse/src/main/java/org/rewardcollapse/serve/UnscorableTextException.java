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
package org.rewardcollapse.serve;

import java.util.Arrays;

/**
 * Some pairs cannot be scored: none of their features is one the model knows (for example a response whose every
 * word hashes to a bucket the training data never filled, with the length features off). {@code score} stops on such
 * a response too; the server fails only the request that holds it.
 */
public final class UnscorableTextException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int[] items;

    /**
     * Creates the error.
     * @param items The positions of the pairs that cannot be scored, ascending.
     */
    public UnscorableTextException(int[] items) {
        super(describe(items));
        this.items = items.clone();
    }

    /**
     * The positions of the pairs that cannot be scored.
     * @return Ascending positions.
     */
    public int[] items() {
        return items.clone();
    }

    private static String describe(int[] items) {
        String listed = Arrays.toString(items.length > 5 ? Arrays.copyOf(items, 5) : items);
        return (items.length == 1 ? "item " + items[0] + " has" : items.length + " items " + listed
                + (items.length > 5 ? " (first 5)" : "") + " have")
                + " none of the model's features: there is nothing to score";
    }
}
