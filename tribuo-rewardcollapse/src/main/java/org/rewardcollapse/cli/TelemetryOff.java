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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ONNX Runtime's telemetry off before ONNX Runtime loads. Its Linux build reads {@code ORT_DISABLE_TELEMETRY} from the
 * process environment when it starts, and otherwise writes a device id and a queue of events under
 * {@code ~/.cache/Microsoft/DeveloperTools}; a JVM cannot set its own environment, so the command line, started
 * without the variable, starts itself once more with it (the same Java, JVM options, class path and arguments, its
 * standard streams and exit status passed through). Commands that never start ONNX Runtime ({@code theory},
 * {@code generate}, {@code split}, help and version) run at once; so does a JVM started with a debugger or an agent,
 * and one that cannot start a process (ONNX Runtime's telemetry is then switched off as soon as it has started).
 */
final class TelemetryOff {
    /** The variable ONNX Runtime reads. */
    static final String VARIABLE = "ORT_DISABLE_TELEMETRY";
    /** Marks the second start, so there is never a third. */
    static final String RELAUNCHED = "REWARDCOLLAPSE_RELAUNCHED";
    private static final Set<String> WITHOUT_ONNX_RUNTIME = Set.of("theory", "generate", "split", "--help", "-h",
            "--version", "-V");

    private TelemetryOff() {}

    /**
     * Should this invocation start again with the variable set?
     * @param args The arguments.
     * @return True when ONNX Runtime may start and the variable is not set.
     */
    static boolean needed(String[] args) {
        if (System.getenv(VARIABLE) != null || System.getenv(RELAUNCHED) != null || args.length == 0
                || WITHOUT_ONNX_RUNTIME.contains(args[0])) {
            return false;
        }
        return jvmOptions().stream().noneMatch(o -> o.startsWith("-agentlib") || o.startsWith("-javaagent")
                || o.startsWith("-Xrunjdwp") || o.startsWith("-agentpath"));
    }

    /**
     * Runs the command line again in a JVM whose environment has the variable.
     * @param args The arguments.
     * @return The second JVM's exit status, or -1 when it could not start (then run here).
     */
    static int relaunch(String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RewardCollapseCli.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(VARIABLE, "1");
        builder.environment().put(RELAUNCHED, "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        Thread stop = new Thread(process::destroy, "rewardcollapse-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            int status = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return RewardCollapseCli.EXIT_FAILURE;
        }
    }

    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }
}
