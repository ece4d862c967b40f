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

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of outputs (a run, an evaluation) that is complete or absent: it is built in a hidden sibling and
 * moved into place only when complete, so an interrupted job leaves nothing that looks finished.
 * <p>
 * An existing directory at the target is never replaced unless it is an earlier output of the same kind written by
 * this tool (its marker file {@value #MARKER} says so, or, for directories written before markers existed, it holds
 * the files its {@link DirectoryLayout} requires) and holds nothing else: a folder of the user's, the working
 * directory, a device or a link to a file is refused with one message that names it. An empty directory is used.
 * Work siblings left by a killed process are removed the next time an output is written beside them.
 */
public final class OutputDirectory implements AutoCloseable {
    /** The marker file that every output directory of this tool holds. */
    public static final String MARKER = ".rewardcollapse";

    /** What an existing output may be replaced by. */
    public enum Replace {
        /** Refuse any non-empty directory at the target. */
        NOTHING,
        /** Replace an earlier output of the same kind written by this tool; refuse anything else. */
        EARLIER_OUTPUT
    }

    private static final String PARTIAL = "partial";
    private static final String OLD = "old";
    private static final int LISTED = 5;

    private final String name;
    private final Path target;
    private final Path work;
    private final DirectoryLayout layout;
    private final Replace replace;
    private boolean committed;
    private boolean keepWork;

    private OutputDirectory(String name, Path target, Path work, DirectoryLayout layout, Replace replace) {
        this.name = name;
        this.target = target;
        this.work = work;
        this.layout = layout;
        this.replace = replace;
    }

    /**
     * Starts an output directory, after checking that whatever is at the target may be replaced.
     * @param target Where the finished output will be (as the user named it).
     * @param layout What such a directory holds.
     * @param replace What an existing directory at the target may be.
     * @return The directory in progress.
     * @throws IllegalArgumentException If the target may not be replaced, naming it and why.
     * @throws IOException If the parent cannot be written.
     */
    public static OutputDirectory create(Path target, DirectoryLayout layout, Replace replace) throws IOException {
        Path absolute = resolve(target);
        checkReplaceable(target, absolute, layout, replace);
        Files.createDirectories(absolute.getParent());
        WorkFiles.removeStale(absolute, PARTIAL, OLD);
        Path work = WorkFiles.create(absolute, PARTIAL, true);
        return new OutputDirectory(target.toString(), absolute, work, layout, replace);
    }

    /** The directory the target names: links to directories are followed, other links refused. */
    private static Path resolve(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new IllegalArgumentException(target + " is a symbolic link that does not lead to a directory");
            }
            absolute = absolute.toRealPath();
        }
        if (absolute.getParent() == null) {
            throw new IllegalArgumentException(target + ": an output directory cannot replace the root of the file system");
        }
        return absolute;
    }

    private static void checkReplaceable(Path given, Path target, DirectoryLayout layout, Replace replace)
            throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(given + " exists and is not a directory");
        }
        List<String> entries = entries(target);
        if (entries.isEmpty()) {
            return;
        }
        if (!isOfKind(target, layout)) {
            throw new IllegalArgumentException(given + " is not empty and is not " + article(layout.kind())
                    + " directory written by this tool (it holds " + list(entries) + "); choose a new or empty directory");
        }
        List<String> foreign = new ArrayList<>();
        collectForeign(target, "", layout, foreign);
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException(given + " holds an earlier " + layout.kind() + " but also "
                    + list(foreign) + ", which this tool did not write; move them out first");
        }
        if (replace == Replace.NOTHING) {
            throw InvalidSettingException.naming(given + " holds an earlier " + layout.kind() + "; {0} replaces it",
                    "Replace.EARLIER_OUTPUT");
        }
    }

    /** Is the directory an earlier output of this kind: its marker says so, or (no marker) it holds the required files. */
    private static boolean isOfKind(Path directory, DirectoryLayout layout) {
        Path marker = directory.resolve(MARKER);
        if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return markerKind(marker).map(layout.kind()::equals).orElse(false);
        }
        return !layout.required().isEmpty() && layout.required().stream()
                .allMatch(file -> Files.isRegularFile(directory.resolve(file), LinkOption.NOFOLLOW_LINKS));
    }

    private static Optional<String> markerKind(Path marker) {
        try {
            JsonNode node = Json.mapper().readTree(Files.readString(marker, StandardCharsets.UTF_8));
            return Optional.ofNullable(node).map(n -> n.path("kind").asText(null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void collectForeign(Path directory, String prefix, DirectoryLayout layout, List<String> foreign)
            throws IOException {
        for (String entry : entries(directory)) {
            Path path = directory.resolve(entry);
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                if (!entry.equals(MARKER) && !layout.allowsFile(entry)) {
                    foreign.add(prefix + entry);
                }
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && layout.directory(entry).isPresent()) {
                collectForeign(path, prefix + entry + "/", layout.directory(entry).get(), foreign);
            } else {
                foreign.add(prefix + entry);
            }
        }
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String list(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        return names.size() > LISTED ? shown + " and " + (names.size() - LISTED) + " more" : shown;
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    /**
     * A file in the directory being written.
     * @param file The file name.
     * @return Its path.
     */
    public Path resolve(String file) {
        return work.resolve(file);
    }

    /**
     * The directory being written.
     * @return The work directory.
     */
    public Path work() {
        return work;
    }

    /**
     * Where the output will be once committed (links followed, absolute).
     * @return The target.
     */
    public Path target() {
        return target;
    }

    /**
     * Moves the finished output into place, replacing an earlier output of its kind (checked again, since the target
     * may have changed while the output was written).
     * @throws IllegalArgumentException If the target now holds what may not be replaced; the finished output is then
     *                                  kept in its work directory, which the message names.
     * @throws IOException If the move fails; the earlier output is then restored.
     */
    public void commit() throws IOException {
        AtomicFiles.write(work.resolve(MARKER), out -> Json.mapper().writeValue(out,
                Json.mapper().createObjectNode().put("kind", layout.kind()).put("written_by", "tribuo-rewardcollapse")));
        try {
            checkReplaceable(Path.of(name), target, layout, replace);
        } catch (IllegalArgumentException e) {
            keepWork = true;
            throw new IllegalArgumentException(e.getMessage() + " (it changed while the " + layout.kind()
                    + " was written; the finished " + layout.kind() + " is in " + work + ")", e);
        }
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = WorkFiles.create(target, OLD, true);
            Files.delete(old);
            move(target, old);
        }
        try {
            move(work, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        committed = true;
        if (old != null) {
            WorkFiles.deleteTree(old);
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
     * Removes the work directory unless the output was committed (or kept because the target changed).
     */
    @Override
    public void close() {
        if (!committed && !keepWork) {
            try {
                WorkFiles.deleteTree(work);
            } catch (IOException e) {
                java.util.logging.Logger.getLogger(OutputDirectory.class.getName())
                        .warning("could not remove the unfinished output " + work + ": " + e.getMessage());
            }
        }
    }
}
