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
package org.rewardcollapse.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;

/**
 * The options that name a model to score with, shared by {@code score} and {@code serve}: a reward model in the JVM
 * ({@code --model}) or an exported one for ONNX Runtime ({@code --onnx}, on {@code --device}).
 */
final class ModelOptions {
    /** One of the two model files. */
    static final class Files {
        @Option(names = "--model", paramLabel = "M.tribuo", description = "A reward model (scored in the JVM).")
        Path model;

        @Option(names = "--onnx", paramLabel = "M.onnx", description = "An exported model (scored by ONNX Runtime).")
        Path onnx;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Files files;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEVICE",
            description = "ONNX Runtime device: cpu, cuda, cuda:ID or auto (default: ${DEFAULT-VALUE}: CUDA when the GPU "
                    + "build and a device are present, else the CPU).")
    String device;

    /**
     * The JVM model, or null when an exported one is named.
     * @return The file.
     */
    Path model() {
        return files.model;
    }

    /**
     * The exported model, or null when a JVM one is named.
     * @return The file.
     */
    Path onnx() {
        return files.onnx;
    }

    /**
     * Refuses options that only apply to an exported model when a JVM model is named.
     * @param parsed The command's parse result.
     * @param onnxOnly The command's other options for ONNX Runtime ({@code --device} is always one).
     * @throws IllegalArgumentException If {@code --model} is given with one of them.
     */
    void requireOnnxFor(CommandLine.ParseResult parsed, String... onnxOnly) {
        if (files.model == null) {
            return;
        }
        String named = "--device" + (onnxOnly.length == 0 ? "" : " and " + String.join(" and ", onnxOnly));
        boolean given = parsed.hasMatchedOption("--device");
        for (String option : onnxOnly) {
            given |= parsed.hasMatchedOption(option);
        }
        if (given) {
            throw new IllegalArgumentException(named + " apply to --onnx; --model scores in the JVM");
        }
    }

}
