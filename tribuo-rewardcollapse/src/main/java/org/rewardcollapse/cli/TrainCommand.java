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

import org.rewardcollapse.data.DataFormat;
import org.rewardcollapse.data.DataSpec;
import org.rewardcollapse.data.RankingDataSource;
import org.rewardcollapse.data.ResponseFeaturizer;
import org.rewardcollapse.eval.ReportTable;
import org.rewardcollapse.experiment.Experiment;
import org.rewardcollapse.experiment.RunResult;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.OutputDirectory;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.rewardcollapse.train.RankingRewardTrainerBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a reward model: from an OLCUT configuration file, or from a data file with the common "
                + "settings; writes a run directory (model.tribuo, model.onnx, provenance.json, config.xml, "
                + "metrics.json, plots, run.log).")
final class TrainCommand implements Runnable {
    @Option(names = "--config", paramLabel = "FILE", description = "An OLCUT configuration with one Experiment (instead of --data).")
    Path config;

    @Option(names = "--data", paramLabel = "FILE", description = "The data file (plain or gzip).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ranked, oasst, pairs or letor (default: detected).")
    String format;

    @Option(names = "--query", paramLabel = "FILE", description = "LETOR group-size file (default: qid, or FILE.query).")
    Path query;

    @Option(names = "--utility", paramLabel = "SPEC", description = "One utility for every prompt (default: log-sigmoid:1).")
    String utility;

    @Option(names = "--policy", paramLabel = "SPEC",
            description = "A utility policy: TYPE=UTILITY,... (e.g. open=inverse,closed=linear), auto:cardinal, auto:classifier,...")
    String policy;

    @Option(names = "--model", defaultValue = "mlp", paramLabel = "KIND", description = "linear or mlp (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--hidden", defaultValue = "64", paramLabel = "W", description = "MLP hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--bounded", description = "Bounded rewards (sigmoid head, the paper's setting).")
    boolean bounded;

    @Option(names = "--epochs", defaultValue = "20", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--learning-rate", defaultValue = "0.01", paramLabel = "LR", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "12345", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Fraction of prompt groups held out for evaluation (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The run directory (written atomically; an existing one must be an earlier run, see --force).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run directory at --out (never anything else).")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Experiment experiment = experiment();
        RunResult result;
        try {
            result = experiment.run(out, force ? OutputDirectory.Replace.EARLIER_OUTPUT : OutputDirectory.Replace.NOTHING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run to " + out + ": " + AtomicFiles.describe(e), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "trained %s in %.1f s%n", result.model().getClass().getSimpleName(), result.trainingSeconds());
        stdout.print(ReportTable.of(result.report()));
        stdout.println("wrote " + result.directory());
    }

    private Experiment experiment() {
        if ((config == null) == (data == null)) {
            throw new IllegalArgumentException("give either --config FILE or --data FILE (with the training settings)");
        }
        if (config != null) {
            if (spec.commandLine().getParseResult().matchedOptions().stream().anyMatch(o -> !o.longestName().equals("--config")
                    && !o.longestName().equals("--out") && !o.longestName().equals("--force")
                    && !o.longestName().equals("--verbose"))) {
                throw new IllegalArgumentException("--config takes no other training options; put them in the file");
            }
            return Experiment.load(config);
        }
        if (utility != null && policy != null) {
            throw new IllegalArgumentException("give --utility or --policy, not both");
        }
        RankingDataSource source = new DataSpec(data, format == null ? null : DataFormat.fromName(format), query)
                .load(ResponseFeaturizer.defaults());
        RankingRewardTrainerBuilder<?, ?> builder = switch (model.toLowerCase(Locale.ROOT)) {
            case "linear" -> LinearRewardTrainer.builder();
            case "mlp" -> MlpRewardTrainer.builder().hiddenSizes(hidden);
            default -> throw new IllegalArgumentException("--model must be linear or mlp, found '" + model + "'");
        };
        String objective = policy != null ? policy : utility != null ? utility : "log-sigmoid:1";
        RankingRewardTrainer trainer = builder.policy(objective).bounded(bounded).epochs(epochs)
                .optimiser(new Adam(learningRate)).seed(seed).metadataKeys(source.promptIdKey(), source.promptTypeKey())
                .build();
        return new Experiment(data.getFileName().toString(), source, null, testFraction, seed, trainer, 10, true);
    }
}
