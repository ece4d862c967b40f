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

import org.rewardcollapse.text.TokenizerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What libraries would write under the user's home, put in a private temporary directory of this process instead
 * (created with the owner's permissions only, removed when the JVM exits): DJL's tokenizer library (instead of
 * {@code ~/.djl.ai}, unless the user names a place) and the JDK's font-configuration cache (instead of
 * {@code ~/.java/fonts}, which the JDK writes the first time a plot is drawn; the font configuration is set up with
 * {@code user.home} pointing here for that moment, before any other thread runs).
 */
final class PrivateFiles {
    /** The commands that draw plots. */
    private static final Set<String> PLOTTING = Set.of("train", "evaluate", "demo");
    private static Path directory;

    private PrivateFiles() {}

    /**
     * Sets up the private directory for a command line invocation.
     * @param args The arguments (the first names the command).
     */
    static synchronized void prepare(String[] args) {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("rewardcollapse-");
            } catch (IOException e) {
                return; // the libraries' defaults, then
            }
            Path made = directory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made), "rewardcollapse-private-files"));
            TokenizerSettings.cacheUnlessSet(directory.resolve("djl"));
        }
        if (java.util.Arrays.stream(args).anyMatch(PLOTTING::contains)) {
            fontsOutsideHome(directory);
        }
    }

    /** Sets up the JDK's font configuration (and its cache file) with the home directory pointing elsewhere. */
    private static void fontsOutsideHome(Path home) {
        String real = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            new java.awt.Font(java.awt.Font.DIALOG, java.awt.Font.PLAIN, 12).getFamily();
        } catch (RuntimeException | LinkageError e) {
            // no fonts here: plots say so when they are drawn
        } finally {
            System.setProperty("user.home", real);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | RuntimeException e) {
            // a temporary directory: the system cleans it
        }
    }
}
