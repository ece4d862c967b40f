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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.io.Json;

/**
 * A {@link RankingReport} as the JSON of {@code metrics.json}: top-level keys {@code pairwise_accuracy},
 * {@code kendall_tau}, {@code spearman_rho}, {@code ndcg@K}, the reward statistics and counts, {@code utilities} (the
 * resolved utility of each prompt type, {@code *} for every other prompt, when known), {@code per_class},
 * {@code length_baselines} (for text data: {@code longer_wins} and {@code shorter_wins} pairwise accuracy, under
 * {@code all} and each class), {@code length_bias} (for text data: {@code reward_length_spearman}, the mean
 * within-prompt rank correlation of reward and length, and {@code length_controlled_accuracy} over the
 * {@code shorter_better_pairs}), the within-prompt reward spread ({@code reward_std_within_group_quantiles} in every
 * metrics object), {@code collapse} (when prompt types are known) and {@code notes}. Undefined values are
 * null.
 */
public final class ReportJson {
    private ReportJson() {}

    /**
     * Renders a report.
     * @param report The report.
     * @return The JSON object.
     */
    public static ObjectNode of(RankingReport report) {
        ObjectNode root = Json.mapper().createObjectNode();
        writeMetrics(root, report.overall());
        if (!report.utilities().isEmpty()) {
            ObjectNode utilities = root.putObject("utilities");
            report.utilities().toSpecs().forEach(utilities::put);
        }
        ObjectNode classes = root.putObject("per_class");
        report.perClass().forEach((type, m) -> writeMetrics(classes.putObject(type), m));
        if (!report.lengthBaselines().isEmpty()) {
            ObjectNode baselines = root.putObject("length_baselines");
            report.lengthBaselines().forEach((type, b) -> {
                ObjectNode node = baselines.putObject(type);
                number(node, "longer_wins", b.longerWins());
                number(node, "shorter_wins", b.shorterWins());
            });
        }
        report.unpairedLabels().ifPresent(u -> {
            ObjectNode node = root.putObject("unpaired_labels");
            node.put("responses", u.responses());
            node.put("desirable", u.desirable());
            number(node, "median_threshold", u.threshold());
            number(node, "accuracy", u.accuracy());
            number(node, "auc", u.auc());
        });
        report.lengthVerdict().ifPresent(v -> {
            ObjectNode node = root.putObject("length_verdict");
            node.put("text", v.text());
            node.put("beats_length", v.beatsLength());
            node.put("rule", v.rule());
            number(node, "model_accuracy", v.modelAccuracy());
            number(node, "rule_accuracy", v.ruleAccuracy());
            number(node, "difference", v.difference());
            number(node, "lower_95", v.lower());
            number(node, "upper_95", v.upper());
            node.put("prompts", v.prompts());
            node.put("bootstrap_resamples", v.resamples());
        });
        if (!report.lengthBias().isEmpty()) {
            ObjectNode bias = root.putObject("length_bias");
            report.lengthBias().forEach((type, b) -> {
                ObjectNode node = bias.putObject(type);
                number(node, "reward_length_spearman", b.rewardLengthRho());
                node.put("spearman_groups", b.rhoGroups());
                number(node, "length_controlled_accuracy", b.lengthControlledAccuracy());
                node.put("shorter_better_pairs", b.shorterBetterPairs());
            });
        }
        report.collapse().ifPresent(collapse -> {
            ObjectNode c = root.putObject("collapse");
            c.put("grid_size", collapse.gridSize());
            c.put("normalised", collapse.normalised());
            ObjectNode profiles = c.putObject("classes");
            collapse.classes().forEach((type, d) -> {
                ObjectNode node = profiles.putObject(type);
                node.put("groups", d.profile().groups());
                array(node.putArray("profile"), d.profile().mean());
                array(node.putArray("band_low"), d.profile().lower());
                array(node.putArray("band_high"), d.profile().upper());
                node.put("utility", d.utilitySpec());
                if (d.optimum() == null) {
                    node.putNull("optimum");
                } else {
                    array(node.putArray("optimum"), d.optimum());
                }
                number(node, "theory_distance", d.theoryDistance());
                node.put("limit_law", d.limitLaw() == null ? null : d.limitLaw().name());
                number(node, "limit_law_ks_distance", d.limitLawDistance());
            });
            number(c, "collapse_gap", collapse.collapseGap());
            number(c, "ks_distance", collapse.ksDistance());
            if (!collapse.note().isEmpty()) {
                c.put("note", collapse.note());
            }
        });
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    private static void writeMetrics(ObjectNode node, RankingReport.Metrics m) {
        number(node, "pairwise_accuracy", m.pairwiseAccuracy());
        number(node, "kendall_tau", m.kendallTau());
        number(node, "spearman_rho", m.spearmanRho());
        number(node, "ndcg@" + m.ndcgK(), m.ndcg());
        number(node, "pairwise_accuracy_group_mean", m.groupPairwiseAccuracy());
        number(node, "reward_mean", m.rewardMean());
        number(node, "reward_std", m.rewardStd());
        number(node, "reward_std_within_group", m.withinGroupStd());
        RankingReport.Spread spread = m.withinGroupSpread();
        ObjectNode quantiles = node.putObject("reward_std_within_group_quantiles");
        quantiles.put("groups", spread.groups());
        number(quantiles, "min", spread.min());
        number(quantiles, "q10", spread.q10());
        number(quantiles, "q25", spread.q25());
        number(quantiles, "median", spread.median());
        number(quantiles, "q75", spread.q75());
        number(quantiles, "q90", spread.q90());
        number(quantiles, "max", spread.max());
        number(quantiles, "flat_share", spread.flatShare());
        node.put("groups", m.groups());
        node.put("groups_with_pairs", m.groupsWithPairs());
        node.put("pairs", m.pairs());
        node.put("ndcg_groups", m.ndcgGroups());
    }

    /**
     * Puts a number, or null when it is NaN or infinite (JSON has no such numbers).
     * @param node The object.
     * @param key The key.
     * @param value The number.
     */
    public static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static void array(ArrayNode node, double[] values) {
        for (double v : values) {
            node.add(v);
        }
    }
}
