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
package org.rewardcollapse.data.features;

import java.nio.file.Path;

/**
 * How a recorded sentence encoder runs on this machine: where its files are now, its device, and where its vectors
 * are cached. None of it changes the features beyond rounding, so none of it is part of a model's provenance.
 *
 * @param directory The encoder's directory now, or null for the recorded one.
 * @param device The device spec ({@code cpu}, {@code cuda[:ID]}, {@code auto}), or null for the recorded one.
 * @param cache The embedding cache directory, or null for no cache.
 * @param threads ONNX Runtime intra-op threads of the encoder, or null for the recorded number.
 */
public record EncoderSetup(Path directory, String device, Path cache, Integer threads) {
    /** The recorded encoder as recorded, without a cache. */
    public static final EncoderSetup RECORDED = new EncoderSetup(null, null, null, null);

    /**
     * A setup with the recorded number of threads.
     * @param directory The encoder's directory now, or null for the recorded one.
     * @param device The device spec, or null for the recorded one.
     * @param cache The embedding cache directory, or null for no cache.
     */
    public EncoderSetup(Path directory, String device, Path cache) {
        this(directory, device, cache, null);
    }

    /**
     * An encoder set up this way.
     * @param encoder The recorded encoder.
     * @return It, relocated, on the device, with its threads and the cache.
     */
    public TextEncoder applyTo(TextEncoder encoder) {
        TextEncoder placed = directory == null ? encoder : encoder.relocatedTo(directory);
        placed = device == null ? placed : placed.onDevice(device);
        return (threads == null ? placed : placed.withThreads(threads)).withCache(cache);
    }

    /**
     * The same setup on another device.
     * @param other The device spec.
     * @return The setup.
     */
    public EncoderSetup onDevice(String other) {
        return new EncoderSetup(directory, other, cache, threads);
    }

    /**
     * The same setup with a number of encoder threads (a Spark executor's, whatever the model recorded).
     * @param count The threads (0: one per core).
     * @return The setup.
     */
    public EncoderSetup withThreads(int count) {
        return new EncoderSetup(directory, device, cache, count);
    }
}
