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
package org.rewardcollapse.spark;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark jobs' argument mistakes: one line naming the mistake and exit status 2, as the command line's. */
class TestJobErrors {
    private static String refused(CommandLine job, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        job.setOut(new PrintWriter(out, true));
        job.setErr(new PrintWriter(err, true));
        assertEquals(2, job.execute(args), err.toString());
        assertEquals("", out.toString());
        return err.toString();
    }

    @Test
    void aBadArgumentIsOneLineNotTheUsage() {
        assertEquals("spark-train: Invalid value for option '--length-weight': 'abc' is not a double (try "
                + "'spark-train --help')\n", refused(SparkTrainJob.commandLine(), "--data", "d.jsonl", "--out", "o",
                "--length-weight", "abc").replace(System.lineSeparator(), "\n"));
        assertEquals("spark-score: Unknown option: '--bogus' (try 'spark-score --help')\n",
                refused(SparkScoreJob.commandLine(), "--onnx", "m.onnx", "--data", "d", "--out", "o", "--bogus")
                        .replace(System.lineSeparator(), "\n"));
        assertEquals("spark-encode: Missing required options: '--data=PATH', '--encoder=NAME|DIR', '--out=DIR' (try "
                + "'spark-encode --help')\n", refused(SparkEncodeJob.commandLine()).replace(System.lineSeparator(),
                "\n"));
    }
}
