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

import org.apache.spark.sql.SparkSession;
import org.rewardcollapse.text.TokenizerSettings;
import picocli.CommandLine;

/**
 * How the Spark jobs report a failure: one line, by its cause (an executor's failure reaches the driver wrapped in
 * Spark's stage-failure text, stack traces included), with exit status 2 for a user's mistake (bad input, a bad
 * setting: an {@link IllegalArgumentException} anywhere in the chain) and 1 otherwise.
 */
final class JobErrors {
    private static final int LONGEST = 400;

    private JobErrors() {}

    /**
     * A job's command line: a mistake in the arguments (an unknown option, a value of the wrong type) is one line
     * naming it and exit status 2, as the {@code rewardcollapse} command line does, instead of picocli's usage; a
     * failure while running is {@link #oneLine}.
     * @param job The job's options and code.
     * @param command The job's name, the lines' prefix.
     * @return The command line, ready to execute.
     */
    static CommandLine commandLine(Object job, String command) {
        CommandLine commandLine = new CommandLine(job);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            ex.getCommandLine().getErr().println(command + ": " + ex.getMessage() + " (try '" + command
                    + " --help')");
            return 2;
        });
        commandLine.setExecutionExceptionHandler(oneLine(command));
        return commandLine;
    }

    /**
     * The handler of a job's failures.
     * @param command The job's name, the line's prefix.
     * @return The handler.
     */
    static CommandLine.IExecutionExceptionHandler oneLine(String command) {
        return (ex, cmd, parsed) -> {
            Throwable cause = cause(ex);
            boolean input = cause instanceof IllegalArgumentException;
            String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
            String line = message.strip().lines().findFirst().orElse("");
            cmd.getErr().println(command + ": " + (input ? "" : "error: " + cause.getClass().getSimpleName() + ": ")
                    + (line.length() > LONGEST ? line.substring(0, LONGEST) + "..." : line));
            return input ? 2 : 1;
        };
    }

    /**
     * Runs a job's command line, stops the Spark session it used (if any) and exits the JVM with the job's status:
     * what a job's {@code main} does under spark-submit.
     * @param commandLine The job's command line.
     * @param args The arguments.
     */
    static void runAndExit(CommandLine commandLine, String[] args) {
        // As the command line does: DJL neither calls home nor downloads on the driver (executors: ExecutorTokenizers).
        TokenizerSettings.offlineUnlessSet();
        int status = commandLine.execute(args);
        scala.Option<SparkSession> session = SparkSession.getDefaultSession();
        if (session.isDefined()) {
            session.get().stop();
        }
        System.exit(status);
    }

    /**
     * The innermost cause that says what went wrong: a user's mistake if there is one in the chain, else the root.
     * @param thrown What was thrown.
     * @return The cause.
     */
    static Throwable cause(Throwable thrown) {
        Throwable root = thrown;
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return t;
            }
            root = t;
        }
        return root;
    }
}
