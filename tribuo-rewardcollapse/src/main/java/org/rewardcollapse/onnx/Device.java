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

import java.util.Locale;

/**
 * Where to score: {@code cpu}, {@code cuda} or {@code cuda:ID}, or {@code auto} (CUDA device 0 when the GPU build of
 * ONNX Runtime and a device are present, else the CPU, saying so in the log).
 *
 * @param kind The kind.
 * @param id The CUDA device id (0 unless given).
 */
public record Device(Kind kind, int id) {
    /** Kinds of device. */
    public enum Kind {
        /** ONNX Runtime's CPU provider. */
        CPU,
        /** The CUDA provider on one GPU. */
        CUDA,
        /** CUDA if possible, else CPU. */
        AUTO
    }

    /** The CPU. */
    public static final Device CPU = new Device(Kind.CPU, 0);
    /** CUDA if possible, else CPU. */
    public static final Device AUTO = new Device(Kind.AUTO, 0);

    /**
     * Checks the id.
     */
    public Device {
        if (id < 0) {
            throw new IllegalArgumentException("CUDA device id must be >= 0, found " + id);
        }
    }

    /**
     * Parses a device spec.
     * @param spec {@code cpu}, {@code cuda}, {@code cuda:ID} or {@code auto}.
     * @return The device.
     * @throws IllegalArgumentException If the spec is none of those.
     */
    public static Device parse(String spec) {
        String text = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        if (text.equals("cpu")) {
            return CPU;
        }
        if (text.equals("auto")) {
            return AUTO;
        }
        if (text.equals("cuda")) {
            return new Device(Kind.CUDA, 0);
        }
        if (text.startsWith("cuda:")) {
            try {
                return new Device(Kind.CUDA, Integer.parseInt(text.substring(5)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device '" + spec + "': the CUDA device id must be an integer");
            }
        }
        throw new IllegalArgumentException("device '" + spec + "': expected cpu, cuda, cuda:ID or auto");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CPU -> "cpu";
            case AUTO -> "auto";
            case CUDA -> "cuda:" + id;
        };
    }
}
