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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.experiment.Demo;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.OutputDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The paper's experiment on generated data: fixed utilities against the prompt-aware one and the "
                + "automatic policies; prints a table, checks the paper's claims, writes summary.json, plots and runs.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "demo", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A smaller run for CI (1,024 training prompts for 80 epochs instead of "
            + "the paper's 8,192 for 20); its checks of the paper's claims hold too.")
    boolean quick;

    @Option(names = "--force", description = "Replace an earlier demo's directory at --out.")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ObjectNode summary;
        try {
            summary = Demo.run(out, quick ? Demo.Settings.quick() : Demo.Settings.full(), spec.commandLine().getOut(),
                    force ? OutputDirectory.Replace.EARLIER_OUTPUT : OutputDirectory.Replace.NOTHING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out + ": " + AtomicFiles.describe(e), e);
        }
        long failed = failedChecks(summary);
        if (failed > 0) {
            spec.commandLine().getErr().printf("demo: %d of %d checks of the paper's claims failed (marked [FAIL] above)%n",
                    failed, summary.path("checks").size());
            return RewardCollapseCli.EXIT_FAILURE;
        }
        return 0;
    }

    /** The number of the paper's claims the demo's summary reports as failed. */
    static long failedChecks(ObjectNode summary) {
        long failed = 0;
        for (JsonNode check : summary.path("checks")) {
            failed += check.path("holds").asBoolean(false) ? 0 : 1;
        }
        return failed;
    }
}
