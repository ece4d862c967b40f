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
package org.rewardcollapse.data.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small helpers for tests that write their own data files. */
public final class TestFiles {
    private TestFiles() {}

    public static Path write(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    public static Path writeGzip(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /**
     * Asserts that loading fails with one DataFormatException naming the file, line and field.
     */
    public static DataFormatException assertBadInput(Path file, long line, String field, String fragment,
                                                     Runnable load) {
        DataFormatException e = assertThrows(DataFormatException.class, load::run);
        assertTrue(e.file().isPresent() && e.file().get().equals(file), () -> "names the file: " + e.getMessage());
        assertTrue(e.line() == line, () -> "expected line " + line + ": " + e.getMessage());
        if (field != null) {
            assertTrue(e.field().isPresent() && e.field().get().equals(field), () -> "expected field " + field + ": " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e::getMessage);
        return e;
    }
}
