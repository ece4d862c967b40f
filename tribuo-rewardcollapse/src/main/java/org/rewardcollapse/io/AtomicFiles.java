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

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes files atomically: the content goes to a temporary file beside the target, which is moved into
 * place only once complete. A crash or an error leaves the target as it was; a temporary file left by a killed
 * process is removed the next time the same file is written.
 */
public final class AtomicFiles {

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         * @param out The stream.
         * @throws IOException If writing fails.
         */
        void write(OutputStream out) throws IOException;
    }

    private static final String PARTIAL = "partial";
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {}

    /**
     * Describes a file-system failure in words, for one-line error messages.
     * @param e The exception.
     * @return The reason, e.g. "/tmp/x exists and is not a directory".
     */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof java.nio.file.NotDirectoryException f) {
            return f.getFile() + " is not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Writes a file atomically. The name is followed through symbolic links, so a link keeps pointing to the new
     * content. A device, FIFO or other special file ({@code /dev/stdout}, {@code /dev/null}) is written in place,
     * as any program writes to it: it is never replaced by a regular file. A new file gets the permissions of the one
     * it replaces, or what the user's umask gives.
     * @param target The file to create or replace.
     * @param writer What to write.
     * @throws IOException If the directory cannot be written, the target is a directory, or the writer fails; a
     *                     regular file at the target is then left untouched and no temporary file is left behind.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path destination = followLinks(target.toAbsolutePath());
        if (Files.isDirectory(destination)) {
            throw new FileSystemException(target.toString(), null, "is a directory");
        }
        if (Files.exists(destination) && !Files.isRegularFile(destination)) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(destination, StandardOpenOption.WRITE),
                    1 << 16)) {
                writer.write(out);
            }
            return;
        }
        Files.createDirectories(destination.getParent());
        WorkFiles.removeStale(destination, PARTIAL);
        Path temp = WorkFiles.create(destination, PARTIAL, false);
        try {
            if (Files.exists(destination)) {
                copyPermissions(destination, temp);
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer.write(out);
            }
            try {
                Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The path a name finally stands for, following symbolic links (dangling ones too, as the shell does). */
    private static Path followLinks(Path path) throws IOException {
        Path current = path;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            if (Files.exists(current) && Files.isRegularFile(current)) {
                return current.toRealPath();
            }
            if (Files.exists(current)) {
                return current;
            }
            current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
        }
        return current;
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (Files.getFileStore(to).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(from);
            Files.setPosixFilePermissions(to, permissions);
        }
    }
}
