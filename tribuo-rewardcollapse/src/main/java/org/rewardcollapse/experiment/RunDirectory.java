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
package org.rewardcollapse.experiment;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run directory built in a hidden sibling and moved into place only when complete, so an interrupted run leaves
 * no directory that looks finished. An existing directory at the target is replaced when the new one is committed.
 */
public final class RunDirectory implements AutoCloseable {
    private final Path target;
    private final Path work;
    private boolean committed;

    private RunDirectory(Path target, Path work) {
        this.target = target;
        this.work = work;
    }

    /**
     * Starts a run directory.
     * @param target Where the finished run will be.
     * @return The directory in progress.
     * @throws IOException If the parent cannot be written.
     */
    public static RunDirectory create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(target + " exists and is not a directory");
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".partial-");
        return new RunDirectory(absolute, work);
    }

    /**
     * A file in the directory being written.
     * @param name The file name.
     * @return Its path.
     */
    public Path resolve(String name) {
        return work.resolve(name);
    }

    /**
     * The directory being written.
     * @return The work directory.
     */
    public Path work() {
        return work;
    }

    /**
     * Where the run will be once committed.
     * @return The target.
     */
    public Path target() {
        return target;
    }

    /**
     * Moves the finished run into place, replacing any earlier directory there.
     * @throws IOException If the move fails; the work directory is then removed.
     */
    public void commit() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            move(target, old);
        }
        move(work, target);
        committed = true;
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Removes the work directory unless the run was committed.
     */
    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(work);
            } catch (IOException e) {
                java.util.logging.Logger.getLogger(RunDirectory.class.getName())
                        .warning("could not remove the unfinished run " + work + ": " + e.getMessage());
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
