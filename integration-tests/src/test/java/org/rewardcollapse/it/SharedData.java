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

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Locates the real data files in {@code ../shared/data} (system property {@code rewardcollapse.data.dir}),
 * skipping a test with a visible message when a file is absent, as on a user's fresh clone.
 */
final class SharedData {
    /** Whether the running test asked for a real data file ({@link RealDataTally} counts such tests). */
    private static volatile boolean asked;

    private SharedData() {}

    static Path file(String name) {
        asked = true;
        String dir = System.getProperty("rewardcollapse.data.dir", "../../shared/data");
        Path file = Path.of(dir, name).normalize();
        if (!Files.isRegularFile(file)) {
            String message = "SKIPPED: real data file " + file + " is absent (it lives in ../shared/data beside the project)";
            System.out.println(message);
            assumeTrue(false, message);
        }
        return file;
    }

    /**
     * Did the test that ran since the last call ask for a real data file? Clears the answer.
     * @return True when it did.
     */
    static boolean askedAndClear() {
        boolean was = asked;
        asked = false;
        return was;
    }
}
