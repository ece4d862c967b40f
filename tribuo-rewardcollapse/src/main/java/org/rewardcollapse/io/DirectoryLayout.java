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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a directory this tool writes holds: its kind (for messages and its marker file), the files that identify
 * one written before marker files existed, the file names it may hold, and the layouts of its subdirectories.
 * {@link OutputDirectory} replaces an existing directory only when every entry in it fits the layout, so a
 * directory that holds anything the tool did not write is never replaced.
 *
 * @param kind The kind in words, e.g. {@code run} or {@code evaluation}.
 * @param required File names that a directory of this kind always holds.
 * @param files Regular expressions of the file names it may hold.
 * @param directories Regular expressions of its subdirectory names, each with the layout of such a subdirectory.
 */
public record DirectoryLayout(String kind, List<String> required, List<Pattern> files,
                              Map<Pattern, DirectoryLayout> directories) {
    /**
     * Copies the collections.
     */
    public DirectoryLayout {
        required = List.copyOf(required);
        files = List.copyOf(files);
        directories = Map.copyOf(directories);
    }

    /**
     * A layout of files only.
     * @param kind The kind.
     * @param required The names that identify it.
     * @param fileNames Regular expressions of the names it may hold.
     * @return The layout.
     */
    public static DirectoryLayout of(String kind, List<String> required, String... fileNames) {
        return new DirectoryLayout(kind, required, List.of(fileNames).stream().map(Pattern::compile).toList(), Map.of());
    }

    /**
     * This layout with one more kind of subdirectory.
     * @param name A regular expression of the subdirectory's name.
     * @param layout Its layout.
     * @return The new layout.
     */
    public DirectoryLayout withDirectory(String name, DirectoryLayout layout) {
        Map<Pattern, DirectoryLayout> more = new java.util.LinkedHashMap<>(directories);
        more.put(Pattern.compile(name), layout);
        return new DirectoryLayout(kind, required, files, more);
    }

    /**
     * This layout with more file names.
     * @param fileNames Regular expressions of the names.
     * @return The new layout.
     */
    public DirectoryLayout withFiles(String... fileNames) {
        List<Pattern> more = new java.util.ArrayList<>(files);
        List.of(fileNames).forEach(name -> more.add(Pattern.compile(name)));
        return new DirectoryLayout(kind, required, more, directories);
    }

    /**
     * May a directory of this kind hold a file of this name?
     * @param name The file name.
     * @return True if a pattern matches it.
     */
    public boolean allowsFile(String name) {
        return files.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /**
     * The layout of a subdirectory of this name.
     * @param name The subdirectory's name.
     * @return Its layout, or empty when this kind holds no such subdirectory.
     */
    public Optional<DirectoryLayout> directory(String name) {
        return directories.entrySet().stream().filter(e -> e.getKey().matcher(name).matches())
                .map(Map.Entry::getValue).findFirst();
    }
}
