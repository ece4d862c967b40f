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
package org.rewardcollapse.it;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.source.BadInput;
import org.rewardcollapse.data.source.DataFiles;
import org.rewardcollapse.data.source.DataFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Randomly mutated copies of the first lines of each real file: each loads completely or fails with one located error
 * ({@link BadInput}), never another exception, a hang or a partial dataset.
 */
class MutatedRealFilesIT {
    private static final String SYNTAX = "{}[]\":,\n0123456789.-eE";
    private static final int MUTANTS = 150;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"oasst_en_100_tree.jsonl, OASST", "hh_rlhf_harmless_test.jsonl.gz, PAIRS", "letor_rank.test, LETOR"})
    void mutatedCopiesLoadWholeOrFailWithALocatedError(String name, DataFormat format) throws IOException {
        Path real = SharedData.file(name);
        List<String> lines = new ArrayList<>();
        DataFiles.forEachLine(real, (n, line) -> {
            if (lines.size() < 12) {
                lines.add(format == DataFormat.LETOR ? line.replaceFirst("^(\\S+)", "$1 qid:" + (lines.size() / 4))
                        : line);
            }
        });
        byte[] original = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Random random = new Random(2026 + name.hashCode());
        for (int m = 0; m < MUTANTS; m++) {
            Path file = Files.write(dir.resolve(format.formatName() + "-mutant-" + m + ".txt"), mutate(original, random));
            BadInput.check(format, file, name + " mutant " + m);
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 2; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(7)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 2 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(40));
                    byte[] shorter = new byte[bytes.length - length];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
                    bytes = shorter;
                }
                case 3 -> bytes[at] = (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()));
                case 4 -> {
                    byte[] insert = "NaN".getBytes(StandardCharsets.US_ASCII);
                    byte[] longer = new byte[bytes.length + insert.length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(insert, 0, longer, at, insert.length);
                    System.arraycopy(bytes, at, longer, at + insert.length, bytes.length - at);
                    bytes = longer;
                }
                case 5 -> {
                    byte[] twice = new byte[bytes.length * 2];
                    System.arraycopy(bytes, 0, twice, 0, bytes.length);
                    System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
                    bytes = twice;
                }
                default -> bytes[at] = (byte) '\n';
            }
        }
        return bytes;
    }
}
