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
package org.rewardcollapse.cli;

import org.rewardcollapse.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The names of the standard streams on the command line: {@code -} for standard input ({@code --data -}) or output
 * ({@code --out -}), and {@code /dev/stdout} and its aliases, which name the process's own standard output: writing
 * there goes through the stream the process inherited (a file the shell redirected to is appended to, never replaced,
 * and what the shell wrote before and after is kept).
 */
final class StandardStreams {
    /** The name of a standard stream. */
    static final String DASH = "-";
    private static final Set<String> STDOUT = Set.of("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1");

    private StandardStreams() {}

    /**
     * Does a path name standard output?
     * @param path The path as given.
     * @return True for {@code -} and {@code /dev/stdout} (or {@code /dev/fd/1}, {@code /proc/self/fd/1}).
     */
    static boolean isStdout(Path path) {
        return path != null && (path.toString().equals(DASH) || STDOUT.contains(path.toString()));
    }

    /**
     * A data path, with {@code -} read from standard input into a temporary file that is removed when the JVM exits
     * (loaders read a file twice: to detect its format and to read it).
     * @param path The path as given.
     * @param in Standard input.
     * @return The path to read.
     */
    static Path input(Path path, InputStream in) {
        if (path == null || !path.toString().equals(DASH)) {
            return path;
        }
        try {
            Path directory = Files.createTempDirectory("rewardcollapse-stdin");
            Path file = directory.resolve("stdin");
            Files.copy(in, file);
            file.toFile().deleteOnExit();
            directory.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + AtomicFiles.describe(e), e);
        }
    }
}
