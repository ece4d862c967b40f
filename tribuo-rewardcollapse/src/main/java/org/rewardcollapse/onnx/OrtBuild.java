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
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Which ONNX Runtime build is on the class path, and its environment, started safely.
 * <p>
 * ONNX Runtime 1.29.0 (CPU and GPU builds alike) runs, while it creates its environment on Linux, a telemetry step
 * whose recursive regular expression over {@code /proc/self/cmdline} uses about 250 bytes of stack per byte of the
 * command line: on a normal thread a command line of about 4 KB (measured here: 3,980 bytes work, 3,981 crash)
 * overflows the stack and the JVM dies with a segmentation fault that cannot be caught. A long {@code -cp} reaches it
 * easily (every Spark executor does). With {@code ORT_DISABLE_TELEMETRY=1} (or {@code CI} set) the step does not run;
 * otherwise this class creates the environment on a thread whose stack is large enough for the command line, so the
 * crash cannot happen either way. Once the environment exists its telemetry is switched off: a scoring tool should not
 * report on its users (only {@code ORT_DISABLE_TELEMETRY=1} also stops what ONNX Runtime sends while starting).
 */
public final class OrtBuild {
    /** The longest command line ONNX Runtime 1.29.0 was seen to start with on a normal thread, with a margin. */
    public static final int MAX_COMMAND_LINE_BYTES = 3900;
    /** Stack bytes reserved per command-line byte when the environment starts on its own thread (250 measured). */
    static final long STACK_PER_COMMAND_LINE_BYTE = 512;
    /** The least stack the environment's own thread gets. */
    static final long MIN_START_STACK = 64L << 20;

    private static final Logger logger = Logger.getLogger(OrtBuild.class.getName());
    private static final String CUDA_PROVIDER_RESOURCE = "/ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so";
    private static final Path COMMAND_LINE = Path.of("/proc/self/cmdline");
    private static volatile OrtEnvironment environment;

    private OrtBuild() {}

    /**
     * Is the GPU build of ONNX Runtime on the class path?
     * @return True for {@code onnxruntime_gpu}.
     */
    public static boolean isGpuBuild() {
        return OrtBuild.class.getResource(CUDA_PROVIDER_RESOURCE) != null;
    }

    /**
     * The ONNX Runtime environment, created once, safely: on a thread with a stack large enough for this process's
     * command line when ONNX Runtime's telemetry would scan it, and with telemetry switched off afterwards.
     * @return The environment.
     * @throws IllegalStateException If the environment cannot be created.
     */
    public static OrtEnvironment environment() {
        OrtEnvironment existing = environment;
        if (existing != null) {
            return existing;
        }
        synchronized (OrtBuild.class) {
            if (environment == null) {
                long length = commandLineBytes();
                OrtEnvironment created = length > MAX_COMMAND_LINE_BYTES && telemetryOn(System.getenv())
                        ? startOnLargeStack(Math.max(MIN_START_STACK, STACK_PER_COMMAND_LINE_BYTE * length))
                        : OrtEnvironment.getEnvironment();
                try {
                    created.setTelemetry(false);
                } catch (ai.onnxruntime.OrtException e) {
                    logger.fine("ONNX Runtime telemetry could not be switched off: " + e.getMessage());
                }
                environment = created;
            }
            return environment;
        }
    }

    /** Creates the environment on a thread with the given stack, waiting for it even if interrupted (Spark tasks are). */
    private static OrtEnvironment startOnLargeStack(long stackBytes) {
        AtomicReference<OrtEnvironment> created = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread starter = new Thread(null, () -> {
            try {
                created.set(OrtEnvironment.getEnvironment());
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "onnxruntime-start", stackBytes);
        starter.setDaemon(true);
        starter.start();
        boolean interrupted = false;
        while (true) {
            try {
                starter.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("ONNX Runtime could not start: " + failed.get().getMessage(), failed.get());
        }
        return created.get();
    }

    /**
     * Is ONNX Runtime's telemetry on in a process with this environment? Its Linux telemetry (which also reads the
     * command line) is off when {@code ORT_DISABLE_TELEMETRY} is 1 or {@code CI} is set.
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
