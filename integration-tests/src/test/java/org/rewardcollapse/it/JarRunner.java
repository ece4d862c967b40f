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
package org.rewardcollapse.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the runnable jar in a new JVM, as a user would.
 */
final class JarRunner {
    private JarRunner() {}

    /**
     * What a run printed and how it ended.
     *
     * @param status The exit status.
     * @param out Standard output.
     * @param err Standard error.
     */
    record Run(int status, String out, String err) {}

    /**
     * Runs the jar.
     * @param scratch A directory for the captured output.
     * @param timeoutSeconds How long the run may take.
     * @param args The arguments.
     * @return The result.
     * @throws IOException If the process cannot start.
     * @throws InterruptedException If interrupted while waiting.
     */
    static Run run(Path scratch, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        return runWith(List.of(), scratch, timeoutSeconds, args);
    }

    /**
     * Runs the jar with options for the JVM.
     * @param jvmOptions The JVM's options, e.g. {@code -Xmx32m}.
     * @param scratch A directory for the captured output.
     * @param timeoutSeconds How long the run may take.
     * @param args The arguments.
     * @return The result.
     * @throws IOException If the process cannot start.
     * @throws InterruptedException If interrupted while waiting.
     */
    static Run runWith(List<String> jvmOptions, Path scratch, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        // The project root, as a user runs the jar (configuration files name data paths relative to it).
        Path root = Path.of(System.getProperty("rewardcollapse.root", "..")).toAbsolutePath().normalize();
        return runIn(root, jvmOptions, scratch, timeoutSeconds, args);
    }

    /**
     * Runs the jar in a working directory.
     * @param workingDirectory The directory relative paths start from.
     * @param jvmOptions The JVM's options, e.g. {@code -Xmx32m}.
     * @param scratch A directory for the captured output.
     * @param timeoutSeconds How long the run may take.
     * @param args The arguments.
     * @return The result.
     * @throws IOException If the process cannot start.
     * @throws InterruptedException If interrupted while waiting.
     */
    static Run runIn(Path workingDirectory, List<String> jvmOptions, Path scratch, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("rewardcollapse.jar", "../tribuo-rewardcollapse/target/rewardcollapse.jar"))
                .toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the package phase builds " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the jar did not finish within " + timeoutSeconds + " s: " + String.join(" ", args));
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
