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

import org.rewardcollapse.data.AtomicFiles;
import org.rewardcollapse.experiment.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The paper's experiment on generated data: fixed utilities against the prompt-aware one and the "
                + "automatic policies; prints a table, checks the paper's claims, writes summary.json, plots and runs.")
final class DemoCommand implements Runnable {
    @Option(names = "--out", defaultValue = "demo", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A smaller run for CI (512 training prompts instead of the paper's 8,192).")
    boolean quick;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        try {
            Demo.run(out, quick ? Demo.Settings.quick() : Demo.Settings.full(), spec.commandLine().getOut());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out + ": " + AtomicFiles.describe(e), e);
        }
    }
}
