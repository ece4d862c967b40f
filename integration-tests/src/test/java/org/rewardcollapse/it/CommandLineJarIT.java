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
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runnable jar as a user runs it: a separate JVM, real exit codes, real streams. */
class CommandLineJarIT {
    @TempDir
    Path dir;

    private JarRunner.Run jar(String... args) throws IOException, InterruptedException {
        return JarRunner.run(dir, 120, args);
    }

    @Test
    void helpListsSubcommandsAndUsageErrorsExitTwo() throws Exception {
        JarRunner.Run help = jar("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("inspect") && help.out().contains("generate"), help.out());
        JarRunner.Run bad = jar("inspect", "--data");
        assertEquals(2, bad.status());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    @Test
    void inspectsTheRealOpenAssistantFile() throws Exception {
        Path file = SharedData.file("oasst_en_100_tree.jsonl");
        JarRunner.Run run = jar("inspect", "--data", file.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("\"groups\" : 212"), run.out());
    }

    @Test
    void runningOutOfMemoryIsOneLineThatSaysHowToGiveJavaMore() throws Exception {
        Path big = dir.resolve("big.jsonl");
        StringBuilder line = new StringBuilder("{\"prompt\": \"a prompt\", \"responses\": [");
        for (int r = 0; r < 8; r++) {
            line.append(r == 0 ? "" : ", ").append("{\"text\": \"").append("word ".repeat(40)).append(r)
                    .append("\", \"rank\": ").append(r).append('}');
        }
        String text = line.append("]}\n").toString();
        try (var out = Files.newBufferedWriter(big)) {
            for (int i = 0; i < 30_000; i++) {
                out.write(text);
            }
        }
        JarRunner.Run run = JarRunner.runWith(java.util.List.of("-Xmx48m"), dir, 120, "inspect", "--data", big.toString());
        assertEquals(1, run.status(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("inspect: out of memory while working on " + big + " with a heap of "), run.err());
    }
}
