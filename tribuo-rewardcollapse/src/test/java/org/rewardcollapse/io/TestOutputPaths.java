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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestOutputPaths {
    @TempDir
    Path dir;

    @Test
    void anOutputThatIsAnInputIsRefusedEvenThroughALink() throws IOException {
        Path data = Files.writeString(dir.resolve("data.jsonl"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("alias.jsonl"), data);
        assertEquals("the output " + link + " is the input " + data + "; write the output to another file",
                assertThrows(IllegalArgumentException.class, () -> OutputPaths.requireNotAnInput(link, null, data))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.requireNotAnInput(data, data));
        OutputPaths.requireNotAnInput(dir.resolve("new.jsonl"), data);
        OutputPaths.requireNotAnInput(Files.writeString(dir.resolve("other.jsonl"), "y"), data);
    }
}
