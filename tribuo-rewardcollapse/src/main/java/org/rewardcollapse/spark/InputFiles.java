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
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The files behind the paths a job is given: a glob or a directory becomes the files it names (a directory's visible
 * files, recursively, as Spark reads them: names starting with {@code _} or {@code .} are left out), so that each file
 * is read, and its lines numbered, on its own, and a bad line is reported at its real file and its own line rather
 * than at the pattern and a count across files. A path that names one file is kept as it was given.
 */
final class InputFiles {
    private InputFiles() {}

    /**
     * Expands paths into files.
     * @param hadoop The Hadoop configuration (the file systems).
     * @param paths The paths as given.
     * @return The files, in order: each path's, sorted by name.
     * @throws IllegalArgumentException If a path matches no file, naming it.
     */
    static List<String> expand(Configuration hadoop, List<String> paths) {
        List<String> files = new ArrayList<>();
        for (String given : paths) {
            try {
                files.addAll(expand(hadoop, given));
            } catch (IOException e) {
                throw new UncheckedIOException(given + ": cannot list (" + e.getMessage() + ")", e);
            }
        }
        return files;
    }

    private static List<String> expand(Configuration hadoop, String given) throws IOException {
        Path path = new Path(given);
        FileSystem fs = path.getFileSystem(hadoop);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new IllegalArgumentException(given + ": no such file" + (given.matches(".*[*?\\[{].*")
                    ? " matches the pattern" : ""));
        }
        if (matches.length == 1 && matches[0].isFile() && !given.matches(".*[*?\\[{].*")) {
            return List.of(given);
        }
        TreeSet<String> files = new TreeSet<>();
        for (FileStatus match : matches) {
            if (match.isFile()) {
                files.add(name(match.getPath()));
                continue;
            }
            RemoteIterator<LocatedFileStatus> inside = fs.listFiles(match.getPath(), true);
            while (inside.hasNext()) {
                LocatedFileStatus file = inside.next();
                if (visible(match.getPath(), file.getPath())) {
                    files.add(name(file.getPath()));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(given + ": holds no file to read");
        }
        return new ArrayList<>(files);
    }

    /** Is a file inside a directory read (no part of its path below the directory starts with _ or .)? */
    private static boolean visible(Path directory, Path file) {
        for (Path p = file; p != null && !p.equals(directory) && p.depth() > directory.depth(); p = p.getParent()) {
            if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** A file's name for messages and for Spark: a local file's path, any other file's URI. */
    private static String name(Path path) {
        return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }
}
