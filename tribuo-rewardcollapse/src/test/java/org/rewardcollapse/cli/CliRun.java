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
package org.rewardcollapse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of the command line through its real entry point, {@link RewardCollapseCli#run}, with what it printed
 * (log records, progress included, go to its standard error).
 *
 * @param status The exit status.
 * @param out Standard output.
 * @param err Standard error.
 */
record CliRun(int status, String out, String err) {
    /**
     * Runs the command line.
     * @param args The arguments.
     * @return The run.
     */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = RewardCollapseCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }

    /**
     * Asserts success.
     * @return This run.
     */
    CliRun assertOk() {
        assertEquals(0, status, "stdout: " + out + "\nstderr: " + err);
        return this;
    }

    /**
     * Asserts a failure with the given status, reported in one line without a stack trace that holds the fragment.
     * @param expected The exit status.
     * @param fragment Text the line must hold.
     */
    void assertOneLineError(int expected, String fragment) {
        assertEquals(expected, status, "stdout: " + out + "\nstderr: " + err);
        assertEquals(1, err.strip().lines().count(), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertTrue(err.contains(fragment), "expected '" + fragment + "' in: " + err);
    }
}
