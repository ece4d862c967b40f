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

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden siblings in which outputs are written before they are moved into place: named
 * {@code .NAME.KIND-pPID-RANDOM} after the process that owns them, created with the user's umask like any other
 * file, and removed once stale (their process has ended, killed before it could clean up).
 */
final class WorkFiles {
    private static final Logger logger = Logger.getLogger(WorkFiles.class.getName());
    private static final long PID = ProcessHandle.current().pid();
    private static final int SUFFIX_DIGITS = 13;

    private WorkFiles() {}

    /**
     * Creates a new empty file or directory {@code .NAME.KIND-pPID-RANDOM} beside a target.
     * @param target The output it is the work copy of.
     * @param kind What it is, e.g. {@code partial}.
     * @param directory A directory rather than a file.
     * @return The new path.
     * @throws IOException If it cannot be created.
     */
    static Path create(Path target, String kind, boolean directory) throws IOException {
        Path parent = target.getParent();
        while (true) {
            Path candidate = parent.resolve("." + target.getFileName() + "." + kind + "-p" + PID + "-"
                    + randomSuffix());
            try {
                return directory ? Files.createDirectory(candidate) : Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /** 13 base-36 digits (a random 64-bit number, zero-padded): a name a person is unlikely to type. */
    private static String randomSuffix() {
        String digits = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        return "0".repeat(SUFFIX_DIGITS - digits.length()) + digits;
    }

    /**
     * Removes the stale work siblings of a target: those named exactly as {@link #create} names them (process id and
     * 13-digit random suffix) whose process has ended. Siblings of running processes, and anything named otherwise
     * (a user's {@code .run.old2024} or {@code .run.partial3}), are left alone.
     * @param target The output.
     * @param kinds The kinds of sibling to look for.
     */
    static void removeStale(Path target, String... kinds) {
        Pattern pattern = Pattern.compile(Pattern.quote("." + target.getFileName() + ".") + "(?:"
                + String.join("|", Stream.of(kinds).map(Pattern::quote).toList())
                + ")-p(\\d+)-[0-9a-z]{" + SUFFIX_DIGITS + "}");
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(),
                "." + target.getFileName().toString().replaceAll("[\\[\\]{}*?\\\\]", "?") + ".*")) {
            for (Path sibling : siblings) {
                Matcher m = pattern.matcher(sibling.getFileName().toString());
                if (m.matches() && isStale(m.group(1))) {
                    logger.info(() -> "removing " + sibling + ", left by a process that was stopped");
                    deleteTree(sibling);
                }
            }
        } catch (IOException e) {
            logger.fine(() -> "could not look for stale work files beside " + target + ": " + e.getMessage());
        }
    }

    private static boolean isStale(String pid) {
        long owner;
        try {
            owner = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return false; // not a process id this tool wrote
        }
        return owner != PID && ProcessHandle.of(owner).map(p -> !p.isAlive()).orElse(true);
    }

    /**
     * Deletes a file or a directory tree without following symbolic links.
     * @param root The file or directory.
     * @throws IOException If something cannot be deleted.
     */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
