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

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * A run's {@code run.log}: what the project logs while the run executes, on the thread that runs it and the threads
 * that thread starts (gradient workers), and nothing another run logs at the same time in the same JVM. Levels are the
 * application's (the command line sets INFO for the project's loggers); none is changed here.
 * <p>
 * The file is bounded ({@value #MAX_BYTES} bytes): a run that logs more (a training of billions of epochs) keeps the
 * beginning, then one line saying that later records were left out; the console still shows them.
 */
final class RunLog implements AutoCloseable {
    /** The most bytes a run log holds. */
    static final long MAX_BYTES = 64L << 20;
    /** The run each thread works for; threads started during a run inherit it. */
    private static final InheritableThreadLocal<RunLog> CURRENT = new InheritableThreadLocal<>();

    private final StreamHandler handler;
    private final RunLog enclosing;
    private final Logger project = Logger.getLogger(Experiment.PROJECT_LOGGER);

    private RunLog(Path file, long maxBytes) throws IOException {
        handler = new StreamHandler(new Bounded(Files.newOutputStream(file), maxBytes), new OneLineLogFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setEncoding(StandardCharsets.UTF_8.name());
        handler.setLevel(Level.ALL);
        handler.setFilter(record -> CURRENT.get() == this);
        enclosing = CURRENT.get();
        CURRENT.set(this);
        project.addHandler(handler);
    }

    /**
     * Starts recording this thread's run into a file.
     * @param file The log file.
     * @return The log, to close when the run ends.
     * @throws IOException If the file cannot be created.
     */
    static RunLog open(Path file) throws IOException {
        return new RunLog(file, MAX_BYTES);
    }

    /**
     * Starts recording this thread's run into a file of at most some bytes.
     * @param file The log file.
     * @param maxBytes The most bytes it holds (then one line says the rest was left out).
     * @return The log.
     * @throws IOException If the file cannot be created.
     */
    static RunLog open(Path file, long maxBytes) throws IOException {
        return new RunLog(file, maxBytes);
    }

    @Override
    public void close() {
        project.removeHandler(handler);
        handler.close();
        CURRENT.set(enclosing);
    }

    /** A stream that writes its first bytes, then a note that the rest was left out, then nothing. */
    private static final class Bounded extends FilterOutputStream {
        private final long max;
        private long written;
        private boolean full;

        Bounded(OutputStream out, long max) {
            super(out);
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (full) {
                return;
            }
            if (written + length > max) {
                full = true;
                out.write(("[run.log reached " + max + " bytes: later records are left out of it]"
                        + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            out.write(bytes, offset, length);
            written += length;
        }
    }
}
