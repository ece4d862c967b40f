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

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ONNX Runtime 1.29 starts whatever the JVM's command line: a long one that would crash its telemetry on a normal
 * thread starts on a large stack, or on the caller's thread when telemetry is off.
 */
class OrtBuildIT {
    /** Starts ONNX Runtime through the check and prints what happened. */
    public static final class Probe {
        private Probe() {}

        /**
         * Runs the probe.
         * @param args Unused.
         */
        public static void main(String[] args) {
            try {
                OrtBuild.environment();
                System.out.println("started");
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    private static String run(int padding, boolean telemetryOff) throws Exception {
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(javaBinary.toString(), "-Dpadding=" + "x".repeat(padding),
                Probe.class.getName()).redirectErrorStream(true);
        builder.environment().put("CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        builder.environment().remove("CI");
        builder.environment().remove("ORT_DISABLE_TELEMETRY");
        if (telemetryOff) {
            builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "the JVM did not crash: " + output);
        return output;
    }

    @Test
    void aLongCommandLineStartsOnALargeStackInsteadOfCrashing() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "needs Linux /proc");
        assertTrue(run(10, false).endsWith("started"), "a short command line starts ONNX Runtime");
        // Telemetry on: 5 KB crashed ONNX Runtime 1.29.0 on a normal thread (exit 139); 100 KB is a Spark executor's
        // class path and more. The JVM exits 0 only if the environment really started.
        assertTrue(run(5_000, false).endsWith("started"));
        assertTrue(run(100_000, false).endsWith("started"));
    }

    @Test
    void withTelemetryOffALongCommandLineStartsOnTheCallersThread() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "needs Linux /proc");
        assertTrue(run(6_000, true).endsWith("started"));
    }

    @Test
    void telemetryIsOffWithTheVariableOrOnCi() {
        assertTrue(OrtBuild.telemetryOn(Map.of()));
        assertTrue(OrtBuild.telemetryOn(Map.of("ORT_DISABLE_TELEMETRY", "0")));
        assertFalse(OrtBuild.telemetryOn(Map.of("ORT_DISABLE_TELEMETRY", "1")));
        assertFalse(OrtBuild.telemetryOn(Map.of("CI", "true")));
    }
}
