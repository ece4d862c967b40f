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
package org.rewardcollapse.eval;

import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.evaluation.AbstractEvaluator;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.provenance.EvaluationProvenance;
import org.tribuo.regression.Regressor;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Tribuo evaluator of regression predictions grouped by prompt: {@code evaluator.evaluate(model, dataset)}
 * gives a {@link RankingEvaluation} with the ranking metrics as Tribuo {@link MetricID}s and the whole
 * {@link RankingReport}, collapse diagnostics included.
 * <p>
 * For a {@link RewardModel} the theory distances use the utility each prompt type trained with, and rewards are
 * normalised per group for the profiles when the model's rewards are not bounded; for any other regression model
 * no utility is known and rewards are normalised when they leave [0, 1].
 */
public final class RankingEvaluator extends AbstractEvaluator<Regressor, RankingEvaluator.Context, RankingEvaluation,
        RankingMetric> {
    private final String promptIdKey;
    private final String promptTypeKey;
    private final int ndcgK;
    private final RankingReport.Normalisation normalisation;
    private final UtilityByType utilities;

    /**
     * The metadata key of the prompt group id.
     * @return The key.
     */
    public String promptIdKey() {
        return promptIdKey;
    }

    /**
     * The metadata key of the prompt type.
     * @return The key.
     */
    public String promptTypeKey() {
        return promptTypeKey;
    }

    /**
     * An evaluator with the default metadata keys and NDCG@10.
     */
    public RankingEvaluator() {
        this(RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY, 10);
    }

    /**
     * An evaluator that reads the normalisation and the utilities from the model ({@link #normalisationFor}).
     * @param promptIdKey The prompt-id metadata key.
     * @param promptTypeKey The prompt-type metadata key.
     * @param ndcgK The NDCG cut-off.
     */
    public RankingEvaluator(String promptIdKey, String promptTypeKey, int ndcgK) {
        this(promptIdKey, promptTypeKey, ndcgK, null, null);
    }

    /**
     * An evaluator.
     * @param promptIdKey The prompt-id metadata key.
     * @param promptTypeKey The prompt-type metadata key.
     * @param ndcgK The NDCG cut-off, &gt;= 1.
     * @param normalisation How rewards are normalised for the profiles, or null for the model's rule.
     * @param utilities The utility of each prompt type for the theory distances, or null for the model's own.
     */
    public RankingEvaluator(String promptIdKey, String promptTypeKey, int ndcgK,
                            RankingReport.Normalisation normalisation, UtilityByType utilities) {
        if (ndcgK < 1) {
            throw new IllegalArgumentException("the NDCG cut-off must be >= 1, found " + ndcgK);
        }
        RankingMetadata.requireKeys(promptIdKey, promptTypeKey);
        this.promptIdKey = promptIdKey;
        this.promptTypeKey = promptTypeKey;
        this.ndcgK = ndcgK;
        this.normalisation = normalisation;
        this.utilities = utilities;
    }

    /**
     * How a model's rewards are normalised for the reward profiles: a reward model's bounded, unstandardised rewards
     * are compared as they are, its other rewards min-max normalised per group; any other model's rewards are
     * normalised when they leave [0, 1].
     * @param model The model.
     * @return The normalisation.
     */
    public static RankingReport.Normalisation normalisationFor(Model<Regressor> model) {
        if (model instanceof EnsembleRewardModel ensemble) {
            return normalisationFor(ensemble.members().get(0));
        }
        if (model instanceof RewardModel reward) {
            return RankingReport.Normalisation.of(reward.head());
        }
        return RankingReport.Normalisation.AUTO;
    }

    /**
     * The utility each prompt type of a model trained with.
     * @param model The model.
     * @return The utilities ({@link UtilityByType#NONE} for a model not trained by this project).
     */
    public static UtilityByType utilitiesOf(Model<Regressor> model) {
        if (model instanceof EnsembleRewardModel ensemble) {
            return ensemble.members().get(0).utilityByType();
        }
        return model instanceof RewardModel reward ? reward.utilityByType() : UtilityByType.NONE;
    }

    /**
     * The NDCG cut-off.
     * @return k.
     */
    public int ndcgK() {
        return ndcgK;
    }

    /**
     * Evaluates scores that no model made (a scores file, an external scorer): the groups' rewards as given.
     * @param groups The groups.
     * @return The report.
     */
    public RankingReport report(List<GroupRewards> groups) {
        return report(groups, Map.of());
    }

    /**
     * Evaluates scores that no model made beside the length baselines.
     * @param groups The groups.
     * @param lengths Each prompt's response lengths ({@link ScoredGroups#lengths}); empty for none.
     * @return The report.
     */
    public RankingReport report(List<GroupRewards> groups, Map<String, double[]> lengths) {
        return RankingReport.of(groups, ndcgK, normalisation == null ? RankingReport.Normalisation.AUTO : normalisation,
                utilities == null ? UtilityByType.NONE : utilities, lengths);
    }

    @Override
    protected Set<RankingMetric> createMetrics(Model<Regressor> model) {
        return EnumSet.allOf(RankingMetric.Kind.class).stream().map(kind -> new RankingMetric(kind, this))
                .collect(Collectors.toSet());
    }

    @Override
    protected Context createContext(Model<Regressor> model, List<Prediction<Regressor>> predictions) {
        RankingReport report = RankingReport.of(ScoredGroups.fromPredictions(predictions, promptIdKey, promptTypeKey),
                ndcgK, normalisation != null ? normalisation : normalisationFor(model),
                utilities != null ? utilities : utilitiesOf(model),
                ScoredGroups.lengths(predictions.stream().map(Prediction::getExample).toList(), promptIdKey));
        return new Context(model, predictions, report);
    }

    @Override
    protected RankingEvaluation createEvaluation(Context context, Map<MetricID<Regressor>, Double> results,
                                                 EvaluationProvenance provenance) {
        return new RankingEvaluation(results, context.report(), context.getPredictions(), provenance);
    }

    /**
     * The grouped predictions and their report, computed once per evaluation.
     */
    public static final class Context extends org.tribuo.evaluation.metrics.MetricContext<Regressor> {
        private final RankingReport report;

        Context(Model<Regressor> model, List<Prediction<Regressor>> predictions, RankingReport report) {
            super(model, predictions);
            this.report = report;
        }

        /**
         * The report.
         * @return The report.
         */
        public RankingReport report() {
            return report;
        }
    }
}
