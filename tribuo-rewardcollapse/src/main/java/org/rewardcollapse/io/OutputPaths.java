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
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks on where an output goes, made before any work starts.
 */
public final class OutputPaths {
    private OutputPaths() {}

    /**
     * Refuses an output that is one of the job's inputs (the same file, after symbolic links are followed), which
     * writing would destroy.
     * @param output The output file.
     * @param inputs The inputs (null entries are ignored).
     * @throws IllegalArgumentException If the output is an input, naming both.
     */
    public static void requireNotAnInput(Path output, Path... inputs) {
        if (!Files.exists(output)) {
            return;
        }
        for (Path input : inputs) {
            try {
                if (input != null && Files.exists(input) && Files.isSameFile(output, input)) {
                    throw new IllegalArgumentException("the output " + output + " is the input " + input
                            + "; write the output to another file");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot tell whether the output " + output + " is the input "
                        + input + ": " + AtomicFiles.describe(e), e);
            }
        }
    }
}
