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
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Device selection for ONNX Runtime sessions: the CPU, a CUDA device (an error that says why when it cannot be
 * used), or {@code auto}, CUDA when the GPU build and a device are present, else the CPU with one logged line (a
 * warning when the GPU build is there but CUDA failed; information when this is the CPU build, where CUDA never
 * could run).
 */
public final class OrtSessions {
    private static final Logger logger = Logger.getLogger(OrtSessions.class.getName());

    private OrtSessions() {}

    /**
     * Opens a session on a device.
     * @param environment The environment.
     * @param model The model's bytes.
     * @param file The model file, for messages.
     * @param device The device asked for.
     * @param threads Intra-op threads of the CPU provider (0: ONNX Runtime's default).
     * @return The session with the options it owns and the device it runs on.
     * @throws IllegalArgumentException If the model is invalid or an explicit CUDA device cannot be used.
     */
    public static SessionOnDevice open(OrtEnvironment environment, byte[] model, Path file, Device device, int threads) {
        if (device.kind() == Device.Kind.CPU) {
            return cpu(environment, model, file, threads);
        }
        Device cuda = new Device(Device.Kind.CUDA, device.id());
        String problem;
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            problem = "this ONNX Runtime build has no CUDA provider (the CPU 'onnxruntime' jar is on the class path;"
                    + " build with -Pgpu for 'onnxruntime_gpu', which needs CUDA 12 and cuDNN 9)";
        } else {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            try {
                options.addCUDA(device.id());
                return new SessionOnDevice(environment.createSession(model, options), options, cuda);
            } catch (OrtException e) {
                options.close();
                problem = "the CUDA provider could not start on device " + device.id() + " (" + e.getMessage()
                        + "; it needs an NVIDIA driver and the CUDA 12 and cuDNN 9 libraries)";
            }
        }
        if (device.kind() == Device.Kind.CUDA) {
            throw new IllegalArgumentException(file + ": " + cuda + " requested but " + problem);
        }
        // With the CPU build CUDA was never possible, so the fallback is not news (every run would say it); with the
        // GPU build it is a real problem, and a warning says why.
        logger.log(OrtBuild.isGpuBuild() ? Level.WARNING : Level.INFO, "device auto: " + problem + "; running on the CPU");
        return cpu(environment, model, file, threads);
    }

    private static SessionOnDevice cpu(OrtEnvironment environment, byte[] model, Path file, int threads) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            return new SessionOnDevice(environment.createSession(model, options), options, Device.CPU);
        } catch (OrtException e) {
            options.close();
            throw new IllegalArgumentException(file + ": not a valid ONNX model, or truncated (ONNX Runtime: "
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * A session opened on a device, with the options it owns.
     *
     * @param session The session.
     * @param options Its options, closed with it.
     * @param device The device it runs on (never {@code auto}).
     */
    public record SessionOnDevice(OrtSession session, OrtSession.SessionOptions options, Device device) {
        /**
         * Closes the session and its options.
         */
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                logger.warning("closing an ONNX Runtime session failed: " + e.getMessage());
            } finally {
                options.close();
            }
        }
    }
}
