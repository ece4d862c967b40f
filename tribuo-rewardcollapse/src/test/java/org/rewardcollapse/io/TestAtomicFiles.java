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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestAtomicFiles {
    @TempDir
    Path dir;

    @Test
    void aWriterThatFailsHalfwayLeavesTheOldFileAndNoPartialOne() throws IOException {
        Path file = dir.resolve("out.json");
        Files.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new content".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aParentThatIsAFileIsAnErrorAndWritesNothing() throws IOException {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        assertThrows(IOException.class, () -> AtomicFiles.write(notADirectory.resolve("out.json"), out -> out.write(1)));
        assertEquals("x", Files.readString(notADirectory));
        assertTrue(Files.isRegularFile(notADirectory));
    }

    @Test
    void aFifoIsWrittenInPlaceAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        java.util.concurrent.CompletableFuture<String> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        AtomicFiles.write(fifo, out -> out.write("through the pipe".getBytes(StandardCharsets.UTF_8)));
        assertEquals("through the pipe", reader.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo), "still a FIFO");
    }

    @Test
    void aLinkToADeviceWritesTheDeviceAndALinkToAFileKeepsPointingToIt() throws IOException {
        Path toNull = Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"));
        AtomicFiles.write(toNull, out -> out.write(new byte[100]));
        assertTrue(Files.isSymbolicLink(toNull), "the link is not replaced by a regular file");
        assertFalse(Files.isRegularFile(Path.of("/dev/null")));
        Path target = Files.writeString(dir.resolve("target.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("made.json"));
        AtomicFiles.write(dangling, out -> out.write("made".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("made.json")));
    }

    @Test
    void aDirectoryIsNeverReplacedByAFile() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("d"));
        Files.writeString(directory.resolve("inside"), "kept");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(directory, out -> out.write(1)));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertEquals("kept", Files.readString(directory.resolve("inside")));
    }

    @Test
    void newFilesFollowTheUmaskAndReplacedFilesKeepTheirPermissions() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path made = dir.resolve("made.json");
        AtomicFiles.write(made, out -> out.write(1));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(made));
        Files.setPosixFilePermissions(made, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(made, out -> out.write(2));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(made)));
    }

    @Test
    void aTemporaryFileLeftByAKilledProcessIsRemovedOnTheNextWrite() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path left = Files.writeString(dir.resolve(".out.json.partial-p" + ended.pid() + "-0000000001a2b"), "half");
        AtomicFiles.write(dir.resolve("out.json"), out -> out.write(1));
        assertFalse(Files.exists(left));
    }
}
