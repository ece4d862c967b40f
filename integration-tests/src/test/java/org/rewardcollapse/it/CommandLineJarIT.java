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
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    @Test
    void scoresToDevStdoutRedirectedToAFileKeepWhatTheShellWroteAround() throws Exception {
        Path train = dir.resolve("train.jsonl");
        assertEquals(0, jar("generate", "--out", train.toString(), "--prompts", "20", "--seed", "2").status());
        Path run = dir.resolve("run");
        assertEquals(0, jar("train", "--data", train.toString(), "--l2", "0.01", "--epochs", "2", "--quiet", "--no-onnx",
                "--out", run.toString()).status());
        Path rollouts = Files.writeString(dir.resolve("r.jsonl"), "{\"prompt\": \"p\", \"response\": \"a\"}\n"
                + "{\"prompt\": \"p\", \"response\": \"b c\"}\n");
        Path file = dir.resolve("piped.txt");
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jarPath = Path.of(System.getProperty("rewardcollapse.jar",
                "../tribuo-rewardcollapse/target/rewardcollapse.jar")).toAbsolutePath().toString();
        Process shell = new ProcessBuilder("sh", "-c", "{ echo before; '" + javaBinary + "' -jar '" + jarPath + "' score "
                + "--model '" + run.resolve("model.tribuo") + "' --data '" + rollouts + "' --out /dev/stdout; "
                + "echo after; } > '" + file + "' 2> '" + dir.resolve("err.txt") + "'").start();
        assertTrue(shell.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, shell.exitValue(), Files.readString(dir.resolve("err.txt")));
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("before", lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"prompt_id\":\"1\",\"response_index\":0,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"prompt_id\":\"1\",\"response_index\":1,"), lines.get(2));
        assertEquals("after", lines.get(3));
        assertTrue(Files.readString(dir.resolve("err.txt")).contains("wrote standard output: 2 responses"));
    }

    @Test
    void writesNothingUnderTheUsersHomeWithoutTheTelemetryVariable() throws Exception {
        // ONNX Runtime's telemetry (~/.cache/Microsoft/DeveloperTools) is off before it loads, though the user set no
        // ORT_DISABLE_TELEMETRY; DJL's tokenizer library goes to a private temporary directory, not ~/.djl.ai.
        Path home = Files.createDirectories(dir.resolve("home"));
        Path train = dir.resolve("small.jsonl");
        assertEquals(0, jar("generate", "--out", train.toString(), "--prompts", "10", "--seed", "4").status());
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jarPath = Path.of(System.getProperty("rewardcollapse.jar",
                "../tribuo-rewardcollapse/target/rewardcollapse.jar")).toAbsolutePath().toString();
        String java = "env -u ORT_DISABLE_TELEMETRY -u DJL_CACHE_DIR -u ENGINE_CACHE_DIR -u XDG_CACHE_HOME HOME='" + home
                + "' '" + javaBinary + "' -Duser.home='" + home + "' -jar '" + jarPath + "' ";
        Path run = dir.resolve("encoder-run");
        Process shell = new ProcessBuilder("sh", "-c", java + "train --data '" + train + "' --encoder minilm "
                + "--embedding-cache none --epochs 1 --l2 0 --quiet --out '" + run + "' && " + java + "score --onnx '"
                + run.resolve("model.onnx") + "' --embedding-cache none --data '" + train + "' --out '"
                + dir.resolve("s.jsonl") + "'").redirectErrorStream(true).redirectOutput(dir.resolve("home.log").toFile())
                .start();
        assertTrue(shell.waitFor(300, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("home.log"));
        assertEquals(0, shell.exitValue(), log);
        assertTrue(log.contains("wrote " + dir.resolve("s.jsonl") + ": 80 responses"), log);
        try (var written = Files.walk(home)) {
            assertEquals(List.of(home), written.toList(), "nothing under the home directory");
        }
    }
}
