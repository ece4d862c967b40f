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
package org.rewardcollapse.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An output directory never replaces what the tool did not write, is complete or absent, follows the umask, and
 * cleans up after killed processes.
 */
class TestOutputDirectory {
    private static final DirectoryLayout RUN = DirectoryLayout.of("run", List.of("model.bin"), "model\\.bin",
            "metrics\\.json", "plot-[a-z]+\\.png");

    @TempDir
    Path dir;

    private Path write(Path target, OutputDirectory.Replace replace, String... files) throws IOException {
        try (OutputDirectory out = OutputDirectory.create(target, RUN, replace)) {
            for (String file : files) {
                Files.writeString(out.resolve(file), file);
            }
            out.commit();
            return out.target();
        }
    }

    @Test
    void aFolderOfTheUsersIsRefusedAndLeftAsItWas() throws IOException {
        Path folder = dir.resolve("project");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("data.jsonl"), "precious");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> write(folder, OutputDirectory.Replace.EARLIER_OUTPUT, "model.bin"));
        assertEquals(folder + " is not empty and is not a run directory written by this tool (it holds data.jsonl, "
                + "sub); choose a new or empty directory", e.getMessage());
        assertEquals("precious", Files.readString(folder.resolve("data.jsonl")));
        assertTrue(Files.isDirectory(folder.resolve("sub")));
        assertEquals(List.of("project"), names(dir), "no work directory left beside it");
    }

    @Test
    void anEarlierRunIsReplacedOnlyWhenAllowedAndNeverWithFilesItDidNotWrite() throws IOException {
        Path run = dir.resolve("run");
        write(run, OutputDirectory.Replace.NOTHING, "model.bin", "plot-old.png");
        assertTrue(Files.isRegularFile(run.resolve(OutputDirectory.MARKER)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> write(run, OutputDirectory.Replace.NOTHING, "model.bin"));
        assertEquals(run + " holds an earlier run; Replace.EARLIER_OUTPUT replaces it", refused.getMessage());
        write(run, OutputDirectory.Replace.EARLIER_OUTPUT, "model.bin", "metrics.json");
        assertFalse(Files.exists(run.resolve("plot-old.png")), "the earlier run is replaced whole, no stale plot");
        assertTrue(Files.exists(run.resolve("metrics.json")));
        Files.writeString(run.resolve("notes.txt"), "mine");
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> write(run, OutputDirectory.Replace.EARLIER_OUTPUT, "model.bin"));
        assertEquals(run + " holds an earlier run but also notes.txt, which this tool did not write; move them out "
                + "first", foreign.getMessage());
        assertEquals("mine", Files.readString(run.resolve("notes.txt")));
    }

    @Test
    void aRunWrittenBeforeMarkersIsRecognisedByItsFiles() throws IOException {
        Path legacy = Files.createDirectory(dir.resolve("legacy"));
        Files.writeString(legacy.resolve("model.bin"), "old");
        Files.writeString(legacy.resolve("metrics.json"), "{}");
        write(legacy, OutputDirectory.Replace.EARLIER_OUTPUT, "model.bin");
        assertEquals("model.bin", Files.readString(legacy.resolve("model.bin")));
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(other.resolve("metrics.json"), "{}");
        assertThrows(IllegalArgumentException.class, () -> write(other, OutputDirectory.Replace.EARLIER_OUTPUT,
                "model.bin"), "without the identifying file it is not ours");
    }

    @Test
    void anEmptyDirectoryIsUsedAndAFileOrALinkToOneIsRefused() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        write(empty, OutputDirectory.Replace.NOTHING, "model.bin");
        assertTrue(Files.exists(empty.resolve("model.bin")));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals(file + " exists and is not a directory", assertThrows(IllegalArgumentException.class,
                () -> write(file, OutputDirectory.Replace.EARLIER_OUTPUT, "model.bin")).getMessage());
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        assertEquals(link + " is a symbolic link that does not lead to a directory", assertThrows(
                IllegalArgumentException.class, () -> write(link, OutputDirectory.Replace.EARLIER_OUTPUT,
                        "model.bin")).getMessage());
        assertTrue(Files.isSymbolicLink(link) && Files.readString(file).equals("x"));
        Path toRun = Files.createSymbolicLink(dir.resolve("to-run"), empty);
        write(toRun, OutputDirectory.Replace.EARLIER_OUTPUT, "model.bin", "metrics.json");
        assertTrue(Files.isSymbolicLink(toRun), "a link to a run directory still points to the new run");
        assertTrue(Files.exists(empty.resolve("metrics.json")));
    }

    @Test
    void aFailureBeforeCommitLeavesNothingAndKeepsTheEarlierOutput() throws IOException {
        Path run = dir.resolve("run");
        write(run, OutputDirectory.Replace.NOTHING, "model.bin");
        assertThrows(IOException.class, () -> {
            try (OutputDirectory out = OutputDirectory.create(run, RUN, OutputDirectory.Replace.EARLIER_OUTPUT)) {
                Files.writeString(out.resolve("metrics.json"), "{\"half\":");
                throw new IOException("No space left on device");
            }
        });
        assertEquals("model.bin", Files.readString(run.resolve("model.bin")));
        assertFalse(Files.exists(run.resolve("metrics.json")));
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void aTargetThatChangesWhileWritingIsNotReplacedAndTheWorkIsKept() throws IOException {
        Path target = dir.resolve("out");
        try (OutputDirectory out = OutputDirectory.create(target, RUN, OutputDirectory.Replace.EARLIER_OUTPUT)) {
            Files.writeString(out.resolve("model.bin"), "new");
            Files.createDirectory(target);
            Files.writeString(target.resolve("mine.txt"), "mine");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, out::commit);
            assertTrue(e.getMessage().contains("it changed while the run was written; the finished run is in "
                    + out.work()), e.getMessage());
            assertTrue(Files.exists(out.work().resolve("model.bin")));
        }
        assertEquals("mine", Files.readString(target.resolve("mine.txt")));
    }

    @Test
    void directoriesGetTheUmasksPermissionsLikeAnyOtherDirectory() throws IOException {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Path run = write(dir.resolve("run"), OutputDirectory.Replace.NOTHING, "model.bin");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(run));
    }

    @Test
    void workDirectoriesOfEndedProcessesAreRemovedAndThoseOfLiveOnesKept() throws IOException, InterruptedException {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path stale = Files.createDirectory(dir.resolve(".run.partial-p" + ended.pid() + "-0123456789abc"));
        Files.writeString(stale.resolve("model.bin"), "half");
        Path live = Files.createDirectory(dir.resolve(".run.partial-p" + ProcessHandle.current().pid()
                + "-0123456789xyz"));
        Path unrelated = Files.createDirectory(dir.resolve(".other.partial-p" + ended.pid() + "-0123456789abc"));
        // Names this tool never makes are the user's, however old and however alike.
        List<Path> users = new java.util.ArrayList<>();
        for (String name : List.of(".run.partial-123456789", ".run.old2024", ".run.partial3", ".run.partial-p"
                + ended.pid() + "-abc", ".run.old-p" + ended.pid() + "-notes")) {
            Path mine = Files.createDirectory(dir.resolve(name));
            Files.writeString(mine.resolve("NOTES.txt"), "the user's");
            Files.setLastModifiedTime(mine, FileTime.from(Instant.now().minusSeconds(7200)));
            users.add(mine);
        }
        write(dir.resolve("run"), OutputDirectory.Replace.NOTHING, "model.bin");
        assertFalse(Files.exists(stale, LinkOption.NOFOLLOW_LINKS), "left by a process that has ended");
        assertTrue(Files.exists(live), "in use by a live process");
        assertTrue(Files.exists(unrelated), "another output's");
        for (Path mine : users) {
            assertTrue(Files.exists(mine.resolve("NOTES.txt")), "not a name this tool makes: " + mine);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (var list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
