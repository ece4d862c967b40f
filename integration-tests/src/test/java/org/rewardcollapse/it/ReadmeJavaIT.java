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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.cli.RewardCollapseCli;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java block of the README is a complete program that compiles as printed and runs: each is compiled against
 * the library's class path and run in its own JVM, in a folder holding the ranked file the README tells the reader
 * to make with {@code generate}; where the README shows the output (a plain block right after), the program prints
 * every line of it. A snippet that drifts from the API, or an output that drifts from the code, fails here.
 */
class ReadmeJavaIT {
    /** A Java block, and the plain block right after it when there is one: what the program prints. */
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```\\n(?:\\s*```\\n(.*?)```)?",
            Pattern.DOTALL);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("^public class (\\w+)", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockCompilesAndRuns() throws Exception {
        Path root = Path.of(System.getProperty("rewardcollapse.root", "..")).toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        List<String> classes = new ArrayList<>();
        java.util.Map<String, String> shownOutput = new java.util.HashMap<>();
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            Matcher name = PUBLIC_CLASS.matcher(block.group(1));
            assertTrue(name.find(), "a README Java block is not a complete program (no public class):\n" + block.group(1));
            Files.writeString(dir.resolve(name.group(1) + ".java"), block.group(1));
            classes.add(name.group(1));
            if (block.group(2) != null) {
                shownOutput.put(name.group(1), block.group(2));
            }
        }
        assertFalse(classes.isEmpty(), "the README has Java blocks");

        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-classpath", classPath, "-d", dir.toString(), "-Xlint:none"));
        classes.forEach(c -> arguments.add(dir.resolve(c + ".java").toString()));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        assertEquals(0, RewardCollapseCli.run(new String[]{"generate", "--out", dir.resolve("train.jsonl").toString(),
                "--prompts", "200"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        for (String name : classes) {
            Path out = dir.resolve(name + ".out");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    name).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
            // The class path travels in the environment: ONNX Runtime 1.29.0 crashes on a long command line.
            builder.environment().put("CLASSPATH", dir + java.io.File.pathSeparator + classPath);
            builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
            Process process = builder.start();
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), name + " finished within 180 s");
            String printed = Files.readString(out);
            assertEquals(0, process.exitValue(), name + " printed:\n" + printed);
            for (String line : shownOutput.getOrDefault(name, "").lines().toList()) {
                assertTrue(printed.contains(line), "the README shows '" + line + "' for " + name + "; it printed:\n"
                        + printed);
            }
            System.out.printf("README program %s ran; it printed %d lines%n", name, printed.lines().count());
        }
    }
}
