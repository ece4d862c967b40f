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
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.rewardcollapse.data.RankingDataSource;
import org.rewardcollapse.data.ResponseFeaturizer;
import org.rewardcollapse.data.ScoresFile;
import org.rewardcollapse.eval.EvaluationWriter;
import org.rewardcollapse.eval.RankingEvaluation;
import org.rewardcollapse.eval.RankingEvaluator;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.io.OutputDirectory;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.policy.FixedUtilityPolicy;
import org.rewardcollapse.policy.Policies;
import org.rewardcollapse.policy.PromptTypePolicy;
import org.rewardcollapse.policy.UtilityPolicy;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for metrics.json and the plots (written atomically; see --force).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier evaluation directory at --out (never anything else).")
    boolean force;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K", description = "NDCG cut-off (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--normalise", defaultValue = "AUTO", paramLabel = "MODE",
            description = "Min-max normalise rewards per group for the profiles: auto (for unbounded rewards), yes, no.")
    String normalise;

    @Option(names = "--utilities", paramLabel = "SPEC",
            description = "Utility per prompt type for the theory distances, e.g. open=inverse,closed=linear, or one "
                    + "utility for all (default: what the model trained with; none for --scores).")
    String utilities;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        RankingReport.Normalisation normalisation = normalisation();
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, found " + k);
        }
        try (OutputDirectory directory = OutputDirectory.create(out, EvaluationWriter.LAYOUT,
                force ? OutputDirectory.Replace.EARLIER_OUTPUT : OutputDirectory.Replace.NOTHING)) {
            List<Path> files = evaluate(normalisation, directory.work());
            directory.commit();
            PrintWriter stdout = spec.commandLine().getOut();
            for (Path file : files) {
                stdout.println("wrote " + out.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out + ": " + AtomicFiles.describe(e), e);
        }
    }

    private List<Path> evaluate(RankingReport.Normalisation normalisation, Path directory) throws IOException {
        RankingReport report;
        JsonNode provenance;
        List<double[]> gaps = List.of();
        String title;
        if (scorer.model != null) {
            Model<Regressor> model = ModelFiles.readRegressionModel(scorer.model);
            RankingDataSource source = dataOptions.load(ResponseFeaturizer.fromProvenance(model.getProvenance())
                    .orElseGet(ResponseFeaturizer::defaults));
            RankingEvaluation evaluation = dataOptions.predicting(() -> new RankingEvaluator(source.promptIdKey(),
                    source.promptTypeKey(), k).evaluate(model, new MutableDataset<>(source)));
            report = utilities == null && normalisation == RankingReport.Normalisation.AUTO ? evaluation.report()
                    : RankingReport.of(ScoredGroups.fromPredictions(evaluation.getPredictions(), source.promptIdKey(),
                    source.promptTypeKey()), k, normalisation, utilityMap(model));
            provenance = EvaluationWriter.provenanceJson(evaluation.getProvenance());
            if (model instanceof RewardModel reward) {
                gaps = EvaluationWriter.gapByStep(reward.history(), !reward.head().bounded(), reward.utilityByType());
            }
            title = scorer.model.getFileName().toString();
        } else {
            RankingDataSource source = dataOptions.load();
            Map<String, ScoresFile.PromptScores> rewards = ScoresFile.read(scorer.scores);
            report = RankingReport.of(ScoredGroups.fromScores(new MutableDataset<>(source).getData(), rewards,
                    scorer.scores, source.promptIdKey(), source.promptTypeKey()), k, normalisation, utilityMap(null));
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("scores_file", scorer.scores.toString());
            node.put("scores_sha256", ProvenanceUtil.hashResource(ProvenanceUtil.HashType.SHA256, scorer.scores));
            node.set("data", EvaluationWriter.provenanceJson(source.getProvenance()));
            provenance = node;
            title = scorer.scores.getFileName().toString();
        }
        spec.commandLine().getOut().print(report.toTable());
        return EvaluationWriter.write(report, provenance, gaps, title, directory);
    }

    private RankingReport.Normalisation normalisation() {
        try {
            return RankingReport.Normalisation.valueOf(normalise.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--normalise must be auto, yes or no, found '" + normalise + "'");
        }
    }

    private Map<String, String> utilityMap(Model<Regressor> model) {
        if (utilities == null) {
            return model instanceof RewardModel reward ? reward.utilityByType() : Map.of();
        }
        UtilityPolicy policy = Policies.parse(utilities);
        if (policy instanceof FixedUtilityPolicy fixed) {
            return Map.of("*", fixed.utility().spec());
        }
        if (policy instanceof PromptTypePolicy byType) {
            return byType.utilities();
        }
        throw new IllegalArgumentException("--utilities takes a utility or TYPE=UTILITY,..., found '" + utilities + "'");
    }
}
