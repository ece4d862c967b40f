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
package org.rewardcollapse.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.rewardcollapse.eval.CollapseDiagnostics;
import org.rewardcollapse.eval.MetricSums;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.utility.UtilityByType;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ranking report of scored responses, computed on Spark: rows are grouped by prompt id, each group's
 * contribution to the metrics ({@link MetricSums}) is computed where the group lies and the sums are merged across the
 * cluster by class; only the typed groups' rewards travel to the driver, for the collapse diagnostics' class
 * profiles and percentiles (n numbers per prompt). The result equals the single-machine report of the same rows, up to
 * the order of floating-point sums.
 */
public final class SparkEvaluation {
    private SparkEvaluation() {}

    /** One prompt group as the evaluation needs it: its rewards and its responses' lengths (null without text). */
    private record Group(GroupRewards rewards, double[] lengths) implements Serializable {}

    /**
     * Evaluates scored responses.
     * @param scores Rows with {@link ScoreColumns#PROMPT_ID}, {@link ScoreColumns#RESPONSE_INDEX},
     *               {@link ScoreColumns#PROMPT_TYPE}, {@link ScoreColumns#SCORE}, {@link ScoreColumns#RESPONSE_LENGTH}
     *               and {@link ScoreColumns#REWARD}.
     * @param ndcgK The NDCG cut-off.
     * @param normalisation How the collapse profiles normalise rewards.
     * @param utilities The utility each prompt type trained with.
     * @return The report.
     * @throws IllegalArgumentException If a row has no score to judge the reward by, a prompt has two responses at one
     *                                  index or two types, or there is no row.
     */
    public static RankingReport evaluate(Dataset<Row> scores, int ndcgK, RankingReport.Normalisation normalisation,
                                         UtilityByType utilities) {
        JavaRDD<Group> groups = scores.select(ScoreColumns.PROMPT_ID, ScoreColumns.RESPONSE_INDEX,
                        ScoreColumns.PROMPT_TYPE, ScoreColumns.SCORE, ScoreColumns.RESPONSE_LENGTH, ScoreColumns.REWARD)
                .javaRDD().mapToPair(row -> new Tuple2<>(row.getString(0), row)).groupByKey()
                .map(SparkEvaluation::group).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            JavaPairRDD<String, MetricSums> keyed = groups.flatMapToPair(g -> {
                List<Tuple2<String, MetricSums>> out = new ArrayList<>(2);
                for (String key : RankingReport.classKeys(g.rewards())) {
                    out.add(new Tuple2<>(key, new MetricSums().add(g.rewards(), g.lengths(), ndcgK)));
                }
                return out.iterator();
            });
            Map<String, MetricSums> sums = new LinkedHashMap<>(keyed.reduceByKey(MetricSums::merge).collectAsMap());
            if (!sums.containsKey(RankingReport.ALL)) {
                throw new IllegalArgumentException("no prompt group to evaluate");
            }
            boolean normalise = RankingReport.normalise(normalisation, sums.get(RankingReport.ALL));
            List<GroupRewards> typed = groups.filter(g -> g.rewards().promptType() != null).map(Group::rewards)
                    .collect();
            CollapseDiagnostics collapse = CollapseDiagnostics.of(typed, normalise, utilities).orElse(null);
            return RankingReport.fromSums(sums, collapse, utilities, ndcgK);
        } finally {
            groups.unpersist();
        }
    }

    /** A prompt's rows in response order, checked. */
    private static Group group(Tuple2<String, Iterable<Row>> prompt) {
        List<Row> rows = new ArrayList<>();
        prompt._2().forEach(rows::add);
        rows.sort((a, b) -> Integer.compare(a.getInt(1), b.getInt(1)));
        int n = rows.size();
        double[] scores = new double[n];
        double[] rewards = new double[n];
        double[] lengths = new double[n];
        boolean allLengths = true;
        String type = rows.get(0).isNullAt(2) ? null : rows.get(0).getString(2);
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            String where = "prompt '" + prompt._1() + "', response " + row.getInt(1);
            if (i > 0 && row.getInt(1) == rows.get(i - 1).getInt(1)) {
                throw new IllegalArgumentException(where + " appears twice (two files hold the same prompt id?)");
            }
            if (!Objects.equals(type, row.isNullAt(2) ? null : row.getString(2))) {
                throw new IllegalArgumentException("prompt '" + prompt._1() + "' mixes prompt types");
            }
            if (row.isNullAt(3)) {
                throw new IllegalArgumentException(where + " has no score: an evaluation needs the data's scores");
            }
            scores[i] = row.getDouble(3);
            rewards[i] = row.getDouble(5);
            allLengths &= !row.isNullAt(4);
            lengths[i] = row.isNullAt(4) ? 0 : row.getInt(4);
        }
        return new Group(new GroupRewards(prompt._1(), type, scores, rewards), allLengths ? lengths : null);
    }
}
