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
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An encoder directory's settings are run or refused, never skipped: max pooling and a Dense module (from its
 * safetensors weights) are run; last-token pooling, pickled weights and unknown modules are refused in one line naming
 * the file.
 */
class TestEncoderFiles {
    @TempDir
    Path dir;

    private Path encoder(String pooling, String modules) throws IOException {
        Path encoder = Files.createDirectories(dir.resolve("encoder"));
        Files.write(encoder.resolve("model.onnx"), new byte[]{1, 2, 3});
        Files.writeString(encoder.resolve("tokenizer.json"), "{}");
        if (pooling != null) {
            Files.writeString(Files.createDirectories(encoder.resolve("1_Pooling")).resolve("config.json"), pooling);
        }
        if (modules != null) {
            Files.writeString(encoder.resolve("modules.json"), modules);
        }
        return encoder;
    }

    private static String modules(String... types) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < types.length; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"idx\": ").append(i).append(", \"path\": \"")
                    .append(types[i].equals("Dense") ? "2_Dense" : "").append("\", \"type\": \"sentence_transformers.models.")
                    .append(types[i]).append("\"}");
        }
        return json.append("]").toString();
    }

    @Test
    void maxPoolingIsRunAndLastTokenPoolingRefused() throws IOException {
        Path max = encoder("{\"pooling_mode_max_tokens\": true, \"pooling_mode_mean_tokens\": false}", null);
        assertEquals(Optional.of(Pooling.MAX), EncoderFiles.of(max).pooling());
        Files.writeString(max.resolve("1_Pooling/config.json"), "{\"pooling_mode_lasttoken\": true}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncoderFiles.of(max).pooling());
        assertTrue(e.getMessage().contains(max.resolve("1_Pooling/config.json") + " asks for pooling_mode_lasttoken"),
                e.getMessage());
        Files.writeString(max.resolve("1_Pooling/config.json"), "{\"pooling_mode_cls_token\": true, "
                + "\"pooling_mode_mean_tokens\": true}");
        assertThrows(IllegalArgumentException.class, () -> EncoderFiles.of(max).pooling());
    }

    @Test
    void anUnknownModuleIsRefusedNamingIt() throws IOException {
        Path encoder = encoder(null, modules("Transformer", "Pooling", "LayerNorm", "Normalize"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncoderFiles.of(encoder));
        assertTrue(e.getMessage().contains("modules.json lists the module 'sentence_transformers.models.LayerNorm'"),
                e.getMessage());
    }

    @Test
    void aDenseModuleIsReadFromSafetensorsAndPickledWeightsAreRefused() throws IOException {
        Path encoder = encoder(null, modules("Transformer", "Pooling", "Dense", "Normalize"));
        Path folder = Files.createDirectories(encoder.resolve("2_Dense"));
        Files.writeString(folder.resolve("config.json"), "{\"in_features\": 3, \"out_features\": 2, \"bias\": true, "
                + "\"activation_function\": \"torch.nn.modules.activation.Tanh\"}");
        Files.write(folder.resolve("pytorch_model.bin"), new byte[]{0x50, 0x4b});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncoderFiles.of(encoder));
        assertTrue(e.getMessage().startsWith(folder.resolve("pytorch_model.bin") + ": a pickled PyTorch file"),
                e.getMessage());

        float[] weights = {1, 2, 3, -1, 0, 0.5f};
        float[] bias = {0.1f, -0.2f};
        Files.write(folder.resolve("model.safetensors"), safetensors(weights, bias));
        EncoderFiles files = EncoderFiles.of(encoder);
        DenseModule dense = files.dense();
        assertEquals(3, dense.inputs());
        assertEquals(2, dense.outputs());
        float[] x = {0.5f, -0.25f, 1};
        assertArrayEquals(new float[]{(float) Math.tanh(0.5 - 0.5 + 3 + 0.1), (float) Math.tanh(-0.5 + 0.5 - 0.2)},
                dense.apply(x), 1e-6f);
        assertEquals(Optional.of(true), files.normalize());
        Files.delete(encoder.resolve("modules.json"));
        assertNotEquals(files.sha256(), EncoderFiles.of(encoder).sha256(), "the Dense weights are part of the hash");
    }

    /** A safetensors file of linear.weight [2, 3] and linear.bias [2]. */
    private static byte[] safetensors(float[] weights, float[] bias) {
        String header = "{\"linear.weight\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [0, 24]}, "
                + "\"linear.bias\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [24, 32]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + 32).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(json.length).put(json);
        for (float w : weights) {
            buffer.putFloat(w);
        }
        for (float b : bias) {
            buffer.putFloat(b);
        }
        return buffer.array();
    }

    @Test
    void encoderThreadsAreBoundedAndCappedAtTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, EncoderRuntime.threadsFor(1000));
        assertEquals(0, EncoderRuntime.threadsFor(0));
        assertEquals(1, EncoderRuntime.threadsFor(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnnxTextEncoder(null, null, 0, "cpu", 100_000));
        assertTrue(e.getMessage().contains("numThreads must be in [0, 1024], found 100000"), e.getMessage());
    }
}
