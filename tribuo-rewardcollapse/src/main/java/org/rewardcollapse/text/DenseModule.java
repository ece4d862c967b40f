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

import com.fasterxml.jackson.databind.JsonNode;
import org.rewardcollapse.io.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sentence-transformers {@code Dense} module: {@code activation(W x + b)} applied to the pooled vector, its weights
 * read from the module's {@code model.safetensors} (the safetensors format: an 8-byte little-endian header length, a
 * JSON header, then the raw tensors; F32 tensors {@code linear.weight [out, in]} and {@code linear.bias [out]}). A
 * module stored only as {@code pytorch_model.bin} (a pickled archive, which Java cannot read without a heavy library)
 * or with another activation or tensor type is refused in one line naming the file.
 *
 * @param weights The weights, row-major {@code [out][in]}.
 * @param bias The bias, or null.
 * @param activation The activation's short name: {@code Tanh}, {@code Identity}, {@code ReLU} or {@code Sigmoid}.
 * @param bytes The weights file's bytes (part of the encoder's SHA-256).
 */
record DenseModule(float[][] weights, float[] bias, String activation, byte[] bytes) {
    private static final long MAX_HEADER = 1 << 20;

    /**
     * Reads a Dense module's folder.
     * @param folder The folder ({@code 2_Dense}).
     * @return The module.
     * @throws IllegalArgumentException If the module cannot be run here, naming the file and why.
     */
    static DenseModule read(Path folder) {
        JsonNode config = json(folder.resolve("config.json"));
        String activation = config.path("activation_function").asText("torch.nn.modules.activation.Tanh");
        String name = activation.substring(activation.lastIndexOf('.') + 1);
        if (!name.equals("Tanh") && !name.equals("Identity") && !name.equals("ReLU") && !name.equals("Sigmoid")) {
            throw new IllegalArgumentException(folder.resolve("config.json") + ": the Dense module's activation "
                    + activation + " is not one this encoder runs (Tanh, Identity, ReLU, Sigmoid)");
        }
        Path weights = folder.resolve("model.safetensors");
        if (!Files.isRegularFile(weights)) {
            Path pickled = folder.resolve("pytorch_model.bin");
            throw new IllegalArgumentException((Files.exists(pickled) ? pickled + ": a pickled PyTorch file, which "
                    + "this encoder cannot read; save the Dense module as model.safetensors" : weights
                    + ": missing; the Dense module's weights are read from model.safetensors"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(weights);
        } catch (IOException e) {
            throw new IllegalArgumentException(weights + ": cannot read (" + e.getMessage() + ")", e);
        }
        int in = config.path("in_features").asInt(0);
        int out = config.path("out_features").asInt(0);
        return parse(weights, bytes, in, out, activation.endsWith("Identity") ? "Identity" : name,
                config.path("bias").asBoolean(true));
    }

    private static DenseModule parse(Path file, byte[] bytes, int in, int out, String activation, boolean withBias) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.length >= 8 ? buffer.getLong() : -1;
        if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > bytes.length) {
            throw new IllegalArgumentException(file + ": not a safetensors file");
        }
        JsonNode header;
        try {
            header = Json.mapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a safetensors file (" + e.getMessage() + ")", e);
        }
        int start = 8 + (int) headerLength;
        float[] w = tensor(file, header, "linear.weight", bytes, start, new long[]{out, in});
        float[][] weights = new float[out][in];
        for (int o = 0; o < out; o++) {
            System.arraycopy(w, o * in, weights[o], 0, in);
        }
        float[] bias = withBias ? tensor(file, header, "linear.bias", bytes, start, new long[]{out}) : null;
        return new DenseModule(weights, bias, activation, bytes);
    }

    private static float[] tensor(Path file, JsonNode header, String name, byte[] bytes, int start, long[] shape) {
        JsonNode tensor = header.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException(file + ": no tensor '" + name + "'");
        }
        if (!tensor.path("dtype").asText().equals("F32")) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' is " + tensor.path("dtype").asText()
                    + "; this encoder reads F32 tensors");
        }
        long count = 1;
        for (int d = 0; d < shape.length; d++) {
            if (tensor.path("shape").path(d).asLong(-1) != shape[d] || shape[d] <= 0) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' has shape " + tensor.path("shape")
                        + ", but config.json says " + java.util.Arrays.toString(shape));
            }
            count *= shape[d];
        }
        long from = tensor.path("data_offsets").path(0).asLong(-1);
        long to = tensor.path("data_offsets").path(1).asLong(-1);
        if (tensor.path("shape").size() != shape.length || from < 0 || to - from != 4 * count
                || start + to > bytes.length) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' has bad offsets or shape");
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(bytes, (int) (start + from), (int) (4 * count)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(values);
        return values;
    }

    private static JsonNode json(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the Dense module's configuration ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * The width of the vectors the module takes.
     * @return in_features.
     */
    int inputs() {
        return weights[0].length;
    }

    /**
     * The width of the vectors it gives.
     * @return out_features.
     */
    int outputs() {
        return weights.length;
    }

    /**
     * Applies the module.
     * @param x A pooled vector of {@link #inputs()} values.
     * @return {@code activation(W x + b)}.
     */
    float[] apply(float[] x) {
        float[] y = new float[weights.length];
        for (int o = 0; o < y.length; o++) {
            double sum = bias == null ? 0 : bias[o];
            float[] row = weights[o];
            for (int i = 0; i < row.length; i++) {
                sum += (double) row[i] * x[i];
            }
            y[o] = (float) switch (activation) {
                case "Tanh" -> Math.tanh(sum);
                case "ReLU" -> Math.max(0.0, sum);
                case "Sigmoid" -> 1.0 / (1.0 + Math.exp(-sum));
                default -> sum;
            };
        }
        return y;
    }
}
