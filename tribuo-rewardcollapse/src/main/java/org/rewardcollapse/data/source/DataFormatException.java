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

import java.nio.file.Path;
import java.util.Optional;

/**
 * Bad input in a data file: one clear message that names the file, the line and the field.
 * <p>
 * It is a user mistake, not a bug: the command line prints {@link #getMessage()} as one line and exits 2.
 * Loaders throw it before any example is handed out, so a failed load never yields a partial dataset.
 */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String field;

    /**
     * Creates an error located at a line and field of a file.
     * @param file The file, or null when the input is not a file.
     * @param line The 1-based line number, or 0 when the error is not tied to a line.
     * @param field The field (a JSON path such as {@code responses[2].rank}), or null.
     * @param problem What is wrong, in words.
     */
    public DataFormatException(Path file, long line, String field, String problem) {
        super(format(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /**
     * Creates an error about a whole file.
     * @param file The file.
     * @param problem What is wrong, in words.
     */
    public DataFormatException(Path file, String problem) {
        this(file, 0, null, problem);
    }

    /**
     * The file the error is in, when known.
     * @return The file.
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The 1-based line of the error, or 0 when it concerns no single line.
     * @return The line number.
     */
    public long line() {
        return line;
    }

    /**
     * The field the error is in, when known.
     * @return The field path.
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    private static String format(Path file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
        }
        if (line > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("line ").append(line);
        }
        if (field != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("field '").append(field).append('\'');
        }
        return sb.length() == 0 ? problem : sb.append(": ").append(problem).toString();
    }
}
