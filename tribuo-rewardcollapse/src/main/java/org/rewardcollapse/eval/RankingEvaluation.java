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

import org.tribuo.Prediction;
import org.tribuo.evaluation.Evaluation;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.provenance.EvaluationProvenance;
import org.tribuo.regression.Regressor;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The result of a {@link RankingEvaluator}: Tribuo metric values, the full {@link RankingReport}, the predictions
 * and the evaluation's provenance (model and data).
 */
public final class RankingEvaluation implements Evaluation<Regressor> {
    private final Map<MetricID<Regressor>, Double> results;
    private final RankingReport report;
    private final List<Prediction<Regressor>> predictions;
    private final EvaluationProvenance provenance;

    RankingEvaluation(Map<MetricID<Regressor>, Double> results, RankingReport report,
                      List<Prediction<Regressor>> predictions, EvaluationProvenance provenance) {
        this.results = Collections.unmodifiableMap(results);
        this.report = report;
        this.predictions = predictions;
        this.provenance = provenance;
    }

    /**
     * The report behind the metrics.
     * @return The report.
     */
    public RankingReport report() {
        return report;
    }

    @Override
    public Map<MetricID<Regressor>, Double> asMap() {
        return results;
    }

    @Override
    public List<Prediction<Regressor>> getPredictions() {
        return predictions;
    }

    @Override
    public EvaluationProvenance getProvenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return ReportTable.of(report);
    }
}
