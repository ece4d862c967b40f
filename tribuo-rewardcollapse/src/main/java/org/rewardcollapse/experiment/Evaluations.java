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
package org.rewardcollapse.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.eval.DisagreementDeciles;
import org.rewardcollapse.eval.EvaluationWriter;
import org.rewardcollapse.eval.RankingEvaluation;
import org.rewardcollapse.eval.RankingEvaluator;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluating a model, or the scores any other scorer wrote, on ranking data: what {@code evaluate} and every run do.
 * A model file's data is featurised with the featuriser recorded in the model's provenance, so evaluation sees the
 * features training saw.
 */
public final class Evaluations {
    private Evaluations() {}

    /**
     * Evaluates a model file on a data file.
     * @param modelFile A {@code .tribuo} file (a reward model or any Tribuo regression model).
     * @param data The data.
     * @param settings The evaluation settings.
     * @return The result.
     * @throws IllegalArgumentException If a file is missing or bad, naming it.
     */
    public static EvaluationResult ofModel(Path modelFile, DataSpec data, EvaluationSettings settings) {
        Model<Regressor> model = ModelFiles.readRegressionModel(modelFile);
        // Prompts are typed as in training unless the user gives rules of their own.
        DataSpec typed = data.typeRules().isEmpty() && data.resolvedFormat() != DataFormat.LETOR
                ? data.withTypeRules(RecordedTraining.typeRules(model.getProvenance())) : data;
        RankingDataSource source = ModelData.load(typed, ResponseFeaturizer.fromProvenance(model.getProvenance(),
                settings.encoder()), Scoring.featureNames(model), modelFile);
        EvaluationResult result = InputErrors.naming(data.file(), () -> ofModel(model, new MutableDataset<>(source),
                settings.evaluator(source.promptIdKey(), source.promptTypeKey()),
                modelFile.getFileName() + " on " + data.file().getFileName()));
        List<String> warnings = TrainingOverlap.of(model, source).filter(o -> o.shared() > 0).map(o -> List.of(
                o.shared() + " of the " + o.groups() + " prompts of " + data.file() + " are in the model's training "
                        + "data, so these metrics overstate it; evaluate on held-out prompts (a run lists its own in "
                        + RunLayout.HELD_OUT + ")"))
                .orElse(List.of());
        return new EvaluationResult(result.report(), result.provenance(), result.gapByStep(), result.title(), warnings,
                result.disagreement());
    }

    /**
     * Evaluates a model on a dataset.
     * @param model The model.
     * @param data The data.
     * @param evaluator The evaluator.
     * @param title What is evaluated, for the plots.
     * @return The result, with the collapse gap at a reward model's training snapshots.
     */
    public static EvaluationResult ofModel(Model<Regressor> model, Dataset<Regressor> data, RankingEvaluator evaluator,
                                           String title) {
        RankingEvaluation evaluation = evaluator.evaluate(model, data);
        List<double[]> gaps = model instanceof RewardModel reward ? EvaluationWriter.gapByStep(reward.history(),
                RankingEvaluator.normalisationFor(model) == RankingReport.Normalisation.YES) : List.of();
        DisagreementDeciles.Disagreement disagreement = model instanceof EnsembleRewardModel ensemble
                ? DisagreementDeciles.ofEnsemble(ensemble, evaluation.getPredictions(), evaluator.promptIdKey(),
                        evaluator.promptTypeKey()) : DisagreementDeciles.Disagreement.NONE;
        return new EvaluationResult(evaluation.report(), EvaluationWriter.provenanceJson(evaluation.getProvenance()),
                gaps, title, List.of(), disagreement);
    }

    /**
     * Evaluates a scores file (what {@code score} writes, or any scorer's {@code {"prompt_id", "response_index",
     * "reward"}} lines) against the data it scored.
     * @param scoresFile The scores file.
     * @param data The data.
     * @param settings The evaluation settings.
     * @return The result.
     * @throws IllegalArgumentException If a file is bad, or the scores do not match the data, naming the line.
     */
    public static EvaluationResult ofScores(Path scoresFile, DataSpec data, EvaluationSettings settings) {
        RankingDataSource source = data.load(ResponseFeaturizer.defaults());
        List<Example<Regressor>> examples = new MutableDataset<>(source).getData();
        Map<String, ScoresFile.PromptScores> scores = ScoresFile.read(scoresFile);
        List<GroupRewards> groups = ScoredGroups.fromScores(examples, scores, scoresFile, source.promptIdKey(),
                source.promptTypeKey());
        RankingReport report = settings.evaluator(source.promptIdKey(), source.promptTypeKey()).report(groups,
                ScoredGroups.lengths(examples, source.promptIdKey()));
        // an ensemble's scores file gives each response's standard deviation: disagreement deciles from those
        Map<String, double[]> stds = new LinkedHashMap<>();
        scores.forEach((id, scored) -> {
            if (scored.stds() != null) {
                stds.put(id, scored.stds());
            }
        });
        DisagreementDeciles.Disagreement disagreement = stds.isEmpty() ? DisagreementDeciles.Disagreement.NONE
                : DisagreementDeciles.of(groups, stds);
        ObjectNode provenance = Json.mapper().createObjectNode();
        provenance.put("scores_file", scoresFile.toString());
        provenance.put("scores_sha256", ProvenanceUtil.hashResource(ProvenanceUtil.HashType.SHA256, scoresFile));
        provenance.set("data", EvaluationWriter.provenanceJson(source.getProvenance()));
        return new EvaluationResult(report, provenance, List.of(),
                scoresFile.getFileName() + " of " + data.file().getFileName(), List.of(), disagreement);
    }
}
