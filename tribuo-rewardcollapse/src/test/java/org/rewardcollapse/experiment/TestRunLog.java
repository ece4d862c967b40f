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
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run.log} is bounded: a run that logs without end keeps the beginning and says where it stopped.
 */
class TestRunLog {
    @TempDir
    Path dir;

    @Test
    void aRunLogStopsAtItsBoundAndSaysSo() throws IOException {
        Path file = dir.resolve("run%h.log");
        Logger logger = Logger.getLogger(Experiment.PROJECT_LOGGER + ".test");
        try (RunLog log = RunLog.open(file, 2_000)) {
            for (int i = 0; i < 200; i++) {
                logger.warning("epoch " + i + " of a training that never ends");
            }
        }
        assertTrue(Files.size(file) < 2_200, "size " + Files.size(file));
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).contains("epoch 0 of"), lines.get(0));
        assertEquals("[run.log reached 2000 bytes: later records are left out of it]", lines.get(lines.size() - 1));
    }
}
