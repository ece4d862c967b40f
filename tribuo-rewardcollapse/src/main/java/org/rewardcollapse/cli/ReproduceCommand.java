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

import org.rewardcollapse.experiment.Reproduction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Re-train a run from its provenance alone and compare the predictions with the run's model; "
                + "exits 1 when they differ.")
final class ReproduceCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run directory (train or demo output).")
    Path run;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Reproduction.Report report = Reproduction.reproduce(run);
        spec.commandLine().getOut().print(report.toText());
        spec.commandLine().getOut().flush();
        return report.identical() ? 0 : RewardCollapseCli.EXIT_FAILURE;
    }
}
