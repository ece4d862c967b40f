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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which ONNX Runtime build is on the class path, and whether it can start in this process.
 * <p>
 * ONNX Runtime 1.29.0 (CPU and GPU builds alike) crashes the JVM with a segmentation fault while creating its
 * environment when the process's command line is longer than about 4 KB (measured here on Linux: 3,980 bytes of
 * {@code /proc/self/cmdline} work, 3,981 crash), which a long {@code -cp} reaches easily (Spark executors, build
 * tools). A crash cannot be caught, so this check turns it into an error before ONNX Runtime is touched; the class
 * path can go through the {@code CLASSPATH} environment variable or a {@code java @argfile} instead.
 */
public final class OrtBuild {
    /** The longest command line ONNX Runtime 1.29.0 was seen to start with, with a margin. */
    public static final int MAX_COMMAND_LINE_BYTES = 3900;

    private static final String CUDA_PROVIDER_RESOURCE = "/ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so";
    private static final Path COMMAND_LINE = Path.of("/proc/self/cmdline");

    private OrtBuild() {}

    /**
     * Is the GPU build of ONNX Runtime on the class path?
     * @return True for {@code onnxruntime_gpu}.
     */
    public static boolean isGpuBuild() {
        return OrtBuild.class.getResource(CUDA_PROVIDER_RESOURCE) != null;
    }

    /**
     * The ONNX Runtime environment, after checking that it can start in this process.
     * @return The environment.
     * @throws IllegalStateException If the command line is long enough to crash ONNX Runtime.
     */
    public static OrtEnvironment environment() {
        long length = commandLineBytes();
        if (length > MAX_COMMAND_LINE_BYTES && telemetryOn(System.getenv())) {
            throw new IllegalStateException("this JVM's command line is " + length + " bytes; ONNX Runtime 1.29.0 "
                    + "crashes the JVM when it is longer than about 4 KB while its telemetry is on, so set "
                    + "ORT_DISABLE_TELEMETRY=1 in the environment, or pass a long class path through the CLASSPATH "
                    + "environment variable or a java @argfile");
        }
        return OrtEnvironment.getEnvironment();
    }

    /**
     * Is ONNX Runtime's telemetry on in a process with this environment? Its Linux telemetry (which also reads the
     * command line, and crashes on a long one) is off when {@code ORT_DISABLE_TELEMETRY} is 1 or {@code CI} is set.
     * @param environment The process environment.
     * @return True if the telemetry runs.
     */
    static boolean telemetryOn(java.util.Map<String, String> environment) {
        String disabled = environment.get("ORT_DISABLE_TELEMETRY");
        String ci = environment.get("CI");
        return !("1".equals(disabled) || "true".equalsIgnoreCase(disabled) || (ci != null && !ci.isEmpty()));
    }

    /** The length of this process's command line, or 0 where /proc does not say. */
    private static long commandLineBytes() {
        try {
            return Files.isReadable(COMMAND_LINE) ? Files.readAllBytes(COMMAND_LINE).length : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
