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

import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.text.OnnxTextEncoder;

import java.io.Serializable;

/**
 * How the executors encode text: the encoder as a user names it (a known encoder's name, resolved on each executor as
 * {@link OnnxTextEncoder#named} does, or a directory that every executor can read), its window, device and threads,
 * and the fingerprint the driver found, which every executor's encoder must have (so a node with other files is
 * refused rather than mixed in).
 *
 * @param encoder The encoder: {@code minilm}, {@code bge-small}, {@code e5-small} or a directory.
 * @param maxTokens Tokens per window, or 0 for the model's own.
 * @param device The executors' device: {@code cpu}, {@code cuda[:ID]} or {@code auto}.
 * @param threads The encoder's threads per executor JVM, shared by its tasks (0: one per core).
 * @param fingerprint The encoder's fingerprint ({@link OnnxTextEncoder#fingerprint()}), or null before the driver has
 *                    resolved it ({@link #resolved()}).
 */
public record EncodingSettings(String encoder, int maxTokens, String device, int threads, String fingerprint)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks the settings.
     * @throws IllegalArgumentException If a value is out of range, naming it.
     */
    public EncodingSettings {
        if (encoder == null || encoder.isBlank()) {
            throw new IllegalArgumentException("encoder must be given");
        }
        if (maxTokens != 0 && (maxTokens < 8 || maxTokens > OnnxTextEncoder.MAX_TOKENS)) {
            throw new IllegalArgumentException("encoder max tokens must be 0 or in [8, " + OnnxTextEncoder.MAX_TOKENS
                    + "], found " + maxTokens);
        }
        if (threads < 0 || threads > OnnxTextEncoder.MAX_THREADS) {
            throw new IllegalArgumentException("encoder threads must be in [0, " + OnnxTextEncoder.MAX_THREADS
                    + "], found " + threads);
        }
        Device.parse(device);
    }

    /**
     * Settings of an encoder on the CPU, each executor using all its cores.
     * @param encoder The encoder's name or directory.
     * @return The settings, not yet resolved.
     */
    public static EncodingSettings cpu(String encoder) {
        return new EncodingSettings(encoder, 0, "cpu", 0, null);
    }

    /**
     * The encoder these settings name, made on this JVM (its files are read on first use).
     * @return The encoder, without a cache.
     * @throws IllegalArgumentException If the name is neither a known encoder nor a directory.
     */
    OnnxTextEncoder open() {
        try {
            return OnnxTextEncoder.named(encoder, maxTokens, device, threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encoder " + e.getMessage(), e);
        }
    }

    /**
     * Resolves the encoder on the driver: reads its files, so that a bad name or damaged files fail here, once.
     * @return The settings with the encoder's fingerprint, and what the encoder is.
     */
    public Resolved resolved() {
        OnnxTextEncoder made = open();
        EncoderIdentity identity = EncoderIdentity.of(encoder, made);
        return new Resolved(new EncodingSettings(encoder, maxTokens, device, threads, identity.fingerprint()),
                identity);
    }

    /**
     * The key of the executor's encoder of these settings.
     * @return The key.
     */
    String key() {
        return encoder + "|" + maxTokens + "|" + device + "|" + threads + "|" + fingerprint;
    }

    /**
     * Settings resolved on the driver.
     *
     * @param settings The settings, with the fingerprint.
     * @param identity What the encoder is.
     */
    public record Resolved(EncodingSettings settings, EncoderIdentity identity) {}
}
