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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code held-out-prompts.txt} holds one id a line, whatever the ids hold.
 */
class TestHeldOutPrompts {
    @TempDir
    Path dir;

    @Test
    void anIdWithALineBreakIsOneLine() throws IOException {
        Path file = dir.resolve(RunLayout.HELD_OUT);
        HeldOutPrompts.write(file, List.of("plain id", "two\nlines", "\"quoted\"", "cr\r"));
        assertEquals(List.of("plain id", "\"two\\nlines\"", "\"\\\"quoted\\\"\"", "\"cr\\r\""), Files.readAllLines(file));
    }
}
