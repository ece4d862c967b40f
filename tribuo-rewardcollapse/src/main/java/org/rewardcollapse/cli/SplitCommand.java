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

import org.rewardcollapse.data.source.FileSplitter;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code split}: a data file into training and test files by prompt group, in its own format.
 */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Split a data file into training and test files by prompt group (seeded; a prompt's lines never "
                + "go to both), in the file's own format.")
final class SplitCommand implements Runnable {
    @Mixin
    DataOptions dataOptions;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Fraction of prompts (OpenAssistant trees, LETOR queries) in the test file, in (0, 1) "
                    + "(default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", defaultValue = "12345", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "The training file to write.")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "The test file to write.")
    Path test;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (train.toAbsolutePath().normalize().equals(test.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--train and --test name the same file " + train);
        }
        for (Path out : new Path[]{train, test}) {
            OutputPaths.requireNotAnInput(out, dataOptions.data, dataOptions.query);
            if (Files.isDirectory(out)) {
                throw new IllegalArgumentException(out + " is a directory; give a file name");
            }
        }
        FileSplitter.Result result;
        try {
            result = FileSplitter.split(dataOptions.spec(), testFraction, seed, train, test);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the split: " + AtomicFiles.describe(e), e);
        }
        spec.commandLine().getOut().printf("split %s (%s): %d prompt groups to %s, %d to %s%n", dataOptions.data,
                result.format().formatName(), result.trainGroups(), train, result.testGroups(), test);
        for (Path file : result.files()) {
            spec.commandLine().getOut().println("wrote " + file);
        }
    }
}
