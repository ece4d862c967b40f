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

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the tests that read the real data in {@code ../shared/data} ({@link SharedData}): how many ran and how many
 * were skipped because a file was absent. It prints one line when the tests end and writes it to
 * {@code target/real-data-tests.txt}, which CI prints (registered as a JUnit Platform listener through
 * {@code META-INF/services}).
 */
public final class RealDataTally implements TestExecutionListener {
    private int ran;
    private int skipped;

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            SharedData.askedAndClear();
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && SharedData.askedAndClear()) {
            if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                skipped++;
            } else {
                ran++;
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (ran + skipped == 0) {
            return;
        }
        String line = "real-data tests: " + ran + " ran, " + skipped + " skipped"
                + (skipped > 0 ? " (a real data file was absent from ../shared/data)" : "");
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "real-data-tests.txt"), line + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
