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
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.regression.Regressor;

import java.util.List;

/**
 * One ranking metric as a Tribuo {@link EvaluationMetric}, read off the evaluation's {@link RankingReport}.
 * Metrics cover all groups (target: macro average).
 */
public final class RankingMetric implements EvaluationMetric<Regressor, RankingEvaluator.Context> {
    /** The metrics. */
    public enum Kind {
        /** Pooled pairwise accuracy. */
        PAIRWISE_ACCURACY,
        /** Mean Kendall tau-b. */
        KENDALL_TAU,
        /** Mean Spearman rho. */
        SPEARMAN_RHO,
        /** Mean NDCG@k. */
        NDCG,
        /** Mean reward. */
        REWARD_MEAN,
        /** Standard deviation of the rewards. */
        REWARD_STD,
        /** The collapse gap between prompt classes (NaN without two classes). */
        COLLAPSE_GAP
    }

    private final Kind kind;
    private final RankingEvaluator evaluator;

    /**
     * Creates a metric computed as an evaluator with the default metadata keys computes it.
     * @param kind The metric.
     * @param ndcgK The NDCG cut-off (used by {@link Kind#NDCG}).
     */
    public RankingMetric(Kind kind, int ndcgK) {
        this(kind, new RankingEvaluator(RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY,
                ndcgK));
    }

    /**
     * Creates a metric of an evaluator: its context is grouped and computed with that evaluator's settings.
     * @param kind The metric.
     * @param evaluator The evaluator.
     */
    RankingMetric(Kind kind, RankingEvaluator evaluator) {
        this.kind = kind;
        this.evaluator = evaluator;
    }

    /**
     * The Tribuo metric id of a metric, to read it from {@link RankingEvaluation#get}.
     * @param kind The metric.
     * @param ndcgK The evaluator's NDCG cut-off.
     * @return The id.
     */
    public static org.tribuo.evaluation.metrics.MetricID<Regressor> id(Kind kind, int ndcgK) {
        return new RankingMetric(kind, ndcgK).getID();
    }

    @Override
    public double compute(RankingEvaluator.Context context) {
        RankingReport report = context.report();
        RankingReport.Metrics m = report.overall();
        return switch (kind) {
            case PAIRWISE_ACCURACY -> m.pairwiseAccuracy();
            case KENDALL_TAU -> m.kendallTau();
            case SPEARMAN_RHO -> m.spearmanRho();
            case NDCG -> m.ndcg();
            case REWARD_MEAN -> m.rewardMean();
            case REWARD_STD -> m.rewardStd();
            case COLLAPSE_GAP -> report.collapse().map(CollapseDiagnostics::collapseGap).orElse(Double.NaN);
        };
    }

    @Override
    public MetricTarget<Regressor> getTarget() {
        return MetricTarget.<Regressor>macroAverageTarget();
    }

    @Override
    public String getName() {
        return kind == Kind.NDCG ? "ndcg@" + evaluator.ndcgK() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public RankingEvaluator.Context createContext(Model<Regressor> model, List<Prediction<Regressor>> predictions) {
        return evaluator.createContext(model, predictions);
    }

    @Override
    public String toString() {
        return "RankingMetric(" + getName() + ")";
    }
}
