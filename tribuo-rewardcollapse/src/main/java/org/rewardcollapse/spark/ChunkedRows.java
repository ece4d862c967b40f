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
package org.rewardcollapse.spark;

import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * An iterator over a partition that transforms its input a chunk of {@value ExecutorModel#CHUNK} rows at a time, as it
 * is read, so that a partition never has to fit in memory and each chunk is one batch for ONNX Runtime.
 */
final class ChunkedRows implements Iterator<Row> {
    private final Iterator<Row> input;
    private final Function<List<Row>, List<Row>> transform;
    private Iterator<Row> current = Collections.emptyIterator();

    /**
     * Transforms a partition chunk by chunk.
     * @param input The partition.
     * @param transform What a chunk becomes.
     */
    ChunkedRows(Iterator<Row> input, Function<List<Row>, List<Row>> transform) {
        this.input = input;
        this.transform = transform;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<Row> chunk = new ArrayList<>(ExecutorModel.CHUNK);
            while (input.hasNext() && chunk.size() < ExecutorModel.CHUNK) {
                chunk.add(input.next());
            }
            current = transform.apply(chunk).iterator();
        }
        return current.hasNext();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
