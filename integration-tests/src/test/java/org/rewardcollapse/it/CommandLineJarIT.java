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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runnable jar as a user runs it: a separate JVM, real exit codes, real streams. */
class CommandLineJarIT {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private Run jar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("rewardcollapse.jar", "../tribuo-rewardcollapse/target/rewardcollapse.jar"));
        assertTrue(Files.isRegularFile(jar), "the package phase builds " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "jar finished");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsSubcommandsAndUsageErrorsExitTwo() throws Exception {
        Run help = jar("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("inspect") && help.out().contains("generate"), help.out());
        Run bad = jar("inspect", "--data");
        assertEquals(2, bad.status());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    @Test
    void inspectsTheRealOpenAssistantFile() throws Exception {
        Path file = SharedData.file("oasst_en_100_tree.jsonl");
        Run run = jar("inspect", "--data", file.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("\"groups\" : 212"), run.out());
    }
}
