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

import ai.onnxruntime.OrtEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which ONNX Runtime build is on the class path, and whether it can start here.
 * <p>
 * The GPU build ({@code onnxruntime_gpu}) crashes the JVM with a segmentation fault while creating its environment
 * on a Linux machine that has CUDA libraries but no NVIDIA driver (observed with 1.29.0 on a CPU machine with the
 * CUDA 13 toolkit; upstream: microsoft/onnxruntime#24652). A crash cannot be caught, so this check turns it into an
 * error before ONNX Runtime is touched.
 */
public final class OrtBuild {
    private static final String CUDA_PROVIDER_RESOURCE = "/ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so";
    private static final Path NVIDIA_DRIVER = Path.of("/proc/driver/nvidia/version");

    private OrtBuild() {}

    /**
     * Is the GPU build of ONNX Runtime on the class path?
     * @return True for {@code onnxruntime_gpu}.
     */
    public static boolean isGpuBuild() {
        return OrtBuild.class.getResource(CUDA_PROVIDER_RESOURCE) != null;
    }

    /**
     * The ONNX Runtime environment, after checking that this build can start on this machine.
     * @return The environment.
     * @throws IllegalStateException If the GPU build is on the class path of a Linux machine without an NVIDIA driver.
     */
    public static OrtEnvironment environment() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (linux && isGpuBuild() && !Files.exists(NVIDIA_DRIVER)) {
            throw new IllegalStateException("the GPU build of ONNX Runtime (onnxruntime_gpu) is on the class path but "
                    + "this machine has no NVIDIA driver (" + NVIDIA_DRIVER + " is absent); that build crashes the JVM "
                    + "here, so use the CPU build (the default, without -Pgpu)");
        }
        return OrtEnvironment.getEnvironment();
    }
}
