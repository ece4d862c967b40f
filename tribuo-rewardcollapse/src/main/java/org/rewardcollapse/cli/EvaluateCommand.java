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

import org.rewardcollapse.eval.EvaluationWriter;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.ReportTable;
import org.rewardcollapse.experiment.EvaluationResult;
import org.rewardcollapse.experiment.EvaluationSettings;
import org.rewardcollapse.experiment.Evaluations;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.OutputDirectory;
import org.rewardcollapse.policy.Policies;
import org.rewardcollapse.utility.UtilityByType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model or a scores file on a data file: ranking metrics and reward-collapse "
                + "diagnostics on stdout, metrics.json and plots in --out.")
final class EvaluateCommand implements Runnable {
    static final class Scorer {
        @Option(names = "--model", paramLabel = "M.tribuo", description = "A trained model (.tribuo).")
        Path model;

        @Option(names = "--scores", paramLabel = "FILE",
                description = "Scores to judge: JSONL {\"prompt_id\", \"response_index\", \"reward\"} (what 'score' writes).")
        Path scores;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scorer scorer;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    TypeRuleOptions typeRules;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for metrics.json and the plots (written atomically; see --force).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier evaluation directory at --out (never anything else).")
    boolean force;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K", description = "NDCG cut-off (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--normalise", paramLabel = "MODE",
            description = "Min-max normalise rewards per group for the profiles: auto (when rewards leave [0, 1]), yes, "
                    + "no (default: what the model's rewards need; auto for --scores).")
    String normalise;

    @Option(names = "--utilities", paramLabel = "SPEC",
            description = "Utility per prompt type for the theory distances, e.g. open=inverse,closed=linear, or one "
                    + "utility for all (default: what the model trained with; none for --scores).")
    String utilities;

    @Mixin
    EncoderOptions encoderOptions;

    @ParentCommand
    RewardCollapseCli cli;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        EvaluationSettings settings = new EvaluationSettings(k, normalisation(), utilityByType(),
                encoderOptions.setup(cli));
        try (OutputDirectory directory = OutputDirectory.create(out, EvaluationWriter.LAYOUT,
                force ? OutputDirectory.Replace.EARLIER_OUTPUT : OutputDirectory.Replace.NOTHING)) {
            EvaluationResult result = scorer.model != null
                    ? Evaluations.ofModel(scorer.model, dataOptions.spec(typeRules.rules()), settings)
                    : Evaluations.ofScores(scorer.scores, dataOptions.spec(typeRules.rules()), settings);
            PrintWriter stdout = spec.commandLine().getOut();
            result.warnings().forEach(w -> spec.commandLine().getErr().println("evaluate: warning: " + w));
            stdout.print(ReportTable.of(result.report()));
            if (!result.disagreement().isEmpty()) {
                stdout.print(result.disagreement().table());
            }
            List<Path> files = result.write(directory.work());
            directory.commit();
            for (Path file : files) {
                stdout.println("wrote " + out.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out + ": " + AtomicFiles.describe(e), e);
        }
    }

    private RankingReport.Normalisation normalisation() {
        if (normalise == null) {
            return null;
        }
        try {
            return RankingReport.Normalisation.valueOf(normalise.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--normalise must be auto, yes or no, found '" + normalise + "'");
        }
    }

    private UtilityByType utilityByType() {
        if (utilities == null) {
            return null;
        }
        return Policies.parse(utilities).fixedUtilities().orElseThrow(() -> new IllegalArgumentException(
                "--utilities takes a utility or TYPE=UTILITY,..., not an automatic policy: '" + utilities + "'"));
    }
}
