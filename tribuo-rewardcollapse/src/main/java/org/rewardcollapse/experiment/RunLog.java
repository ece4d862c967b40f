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

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Logger;

/**
 * A run's {@code run.log}: what the project logs while the run executes, on the thread that runs it and the threads
 * that thread starts (gradient workers), and nothing another run logs at the same time in the same JVM. Levels are the
 * application's (the command line sets INFO for the project's loggers); none is changed here.
 */
final class RunLog implements AutoCloseable {
    /** The run each thread works for; threads started during a run inherit it. */
    private static final InheritableThreadLocal<RunLog> CURRENT = new InheritableThreadLocal<>();

    private final FileHandler handler;
    private final RunLog enclosing;
    private final Logger project = Logger.getLogger(Experiment.PROJECT_LOGGER);

    private RunLog(Path file) throws IOException {
        handler = new FileHandler(file.toString());
        handler.setFormatter(new OneLineLogFormatter());
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
        return new RunLog(file);
    }

    @Override
    public void close() {
        project.removeHandler(handler);
        handler.close();
        CURRENT.set(enclosing);
    }
}
