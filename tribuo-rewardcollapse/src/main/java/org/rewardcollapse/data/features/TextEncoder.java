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

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;

import java.util.List;

/**
 * Turns texts into fixed-width vectors (sentence embeddings). Implementations are configurable, so that a
 * featuriser's provenance records and rebuilds its encoder, and identify themselves by a fingerprint that changes
 * whenever their vectors could. Where an encoder runs (its device, its files' directory, its cache) is not part of
 * what it computes: {@link #onDevice}, {@link #relocatedTo} and {@link #withCache} change it, see {@link EncoderSetup}.
 */
public interface TextEncoder extends Configurable, Provenancable<ConfiguredObjectProvenance> {
    /**
     * The width of the vectors.
     * @return The dimension.
     */
    int dimension();

    /**
     * The SHA-256 (hex) of everything that determines the vectors: the model and tokenizer files and the settings
     * that change the output (pooling, window length, normalisation).
     * @return The fingerprint.
     */
    String fingerprint();

    /**
     * A short description for logs and reports, e.g. {@code all-MiniLM-L6-v2 (mean pooling, 256-token windows)}.
     * @return The description.
     */
    String describe();

    /**
     * Encodes texts. A blank text has no tokens to encode and gets the zero vector.
     * @param texts The texts.
     * @return One vector per text, in order.
     */
    List<float[]> encode(List<String> texts);

    /**
     * This encoder on another device: the same vectors, up to rounding.
     * @param device The device spec ({@code cpu}, {@code cuda[:ID]}, {@code auto}).
     * @return The encoder on that device.
     */
    TextEncoder onDevice(String device);

    /**
     * This encoder with its files read from another directory (they must be the same files: an encoder checks its
     * recorded hash when it loads them).
     * @param directory The directory the files are in now.
     * @return The encoder reading from there.
     * @throws IllegalArgumentException If this encoder has no directory to move (a bundled model).
     */
    TextEncoder relocatedTo(java.nio.file.Path directory);

    /**
     * This encoder caching its vectors on disk in a directory (the vectors do not change).
     * @param directory The cache directory, or null for no cache.
     * @return The encoder with that cache.
     */
    TextEncoder withCache(java.nio.file.Path directory);

    /**
     * This encoder with a number of runtime threads (the vectors do not change beyond rounding); by default the
     * encoder itself, for encoders without threads of their own.
     * @param threads The threads (0: one per core).
     * @return The encoder with those threads.
     */
    default TextEncoder withThreads(int threads) {
        return this;
    }

    /**
     * How many texts given to this encoder were longer than its window (and so encoded in several windows, or cut
     * by an encoder that truncates).
     * @return The count, since the encoder was made.
     */
    long windowedTexts();
}
