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
package org.rewardcollapse.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job's {@code --force} replaces only an earlier output of the job holding nothing else (the command line's
 * rule), and a killed driver's work directory is removed by the next job at the same output.
 */
class TestJobOutput {
    @TempDir
    Path dir;

    private JobOutput output(Path target) throws IOException {
        return new JobOutput(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(target.toUri()));
    }

    private Path earlierOutput() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(SparkScoreJob.MARKER), "scores\n");
        Files.writeString(out.resolve("." + SparkScoreJob.MARKER + ".crc"), "");
        Files.writeString(out.resolve(SparkScoreJob.METRICS), "{}");
        Files.writeString(Files.createDirectories(out.resolve(SparkScoreJob.SCORES)).resolve("part-00000-a.parquet"), "");
        Files.writeString(out.resolve(SparkScoreJob.SCORES).resolve("_SUCCESS"), "");
        Files.writeString(Files.createDirectories(out.resolve(SparkScoreJob.BAD_ROWS)).resolve("part-00000.json"), "");
        return out;
    }

    @Test
    void forceReplacesAnEarlierOutputHoldingNothingElse() throws IOException {
        Path out = earlierOutput();
        assertDoesNotThrow(() -> output(out).requireReplaceable(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> output(out).requireReplaceable(false));
        assertTrue(e.getMessage().contains("give --force"), e.getMessage());
    }

    @Test
    void forceRefusesAnOutputTheUserAddedFilesTo() throws IOException {
        Path out = earlierOutput();
        Files.writeString(out.resolve("NOTES.txt"), "my notes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> output(out).requireReplaceable(true));
        assertTrue(e.getMessage().contains("holds NOTES.txt, which this job did not write"), e.getMessage());
        Files.delete(out.resolve("NOTES.txt"));
        Files.createDirectories(out.resolve("myplots"));
        e = assertThrows(IllegalArgumentException.class, () -> output(out).requireReplaceable(true));
        assertTrue(e.getMessage().contains("holds myplots/"), e.getMessage());
        Files.delete(out.resolve("myplots"));
        Files.writeString(out.resolve(SparkScoreJob.SCORES).resolve("mine.txt"), "x");
        e = assertThrows(IllegalArgumentException.class, () -> output(out).requireReplaceable(true));
        assertTrue(e.getMessage().contains("holds scores/"), e.getMessage());
    }

    @Test
    void forceRefusesAUserFolderThatMerelyHoldsTheMarkersName() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve(SparkScoreJob.MARKER), "");
        Files.writeString(folder.resolve("data.csv"), "1,2");
        assertThrows(IllegalArgumentException.class, () -> output(folder).requireReplaceable(true));
        assertTrue(Files.exists(folder.resolve("data.csv")));
    }

    @Test
    void aKilledDriversWorkDirectoryIsRemovedAndALiveOnesKept() throws IOException, InterruptedException {
        Path out = dir.resolve("scores-out");
        JobOutput output = output(out);
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Process running = new ProcessBuilder("sleep", "60").start();
        try {
            String name = output.newWorkDirectory().getName();
            Path dead = Files.createDirectories(dir.resolve(name.replaceFirst("-p\\d+-", "-p" + finished.pid() + "-")));
            Files.writeString(dead.resolve("part"), "x");
            Path live = Files.createDirectories(dir.resolve(name.replaceFirst("-p\\d+-", "-p" + running.pid() + "-")
                    .replaceFirst("[0-9a-z]{13}$", "0000000000001")));
            Path elsewhere = Files.createDirectories(dir.resolve("." + out.getFileName()
                    + ".work-hanother-host-p1-0000000000002"));
            Path users = Files.createDirectories(dir.resolve("." + out.getFileName() + ".work-old"));
            output.removeStaleWork();
            assertFalse(Files.exists(dead), "a dead driver's work directory is removed");
            assertTrue(Files.exists(live) && Files.exists(elsewhere) && Files.exists(users));
        } finally {
            running.destroy();
        }
    }
}
