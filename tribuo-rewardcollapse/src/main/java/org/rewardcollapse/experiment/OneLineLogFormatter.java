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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats a log record as one line: the message, preceded by {@code warning: } or {@code severe: } for those levels,
 * with the stack trace after it when there is one.
 */
public final class OneLineLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        String level = record.getLevel().intValue() >= Level.WARNING.intValue()
                ? record.getLevel().getName().toLowerCase(Locale.ROOT) + ": " : "";
        String line = level + formatMessage(record) + System.lineSeparator();
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line += trace;
        }
        return line;
    }
}
