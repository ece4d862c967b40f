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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A {@link RankingReport} as a table for the terminal: one column for all groups and one per prompt class, then the
 * collapse diagnostics and the notes.
 */
public final class ReportTable {
    private ReportTable() {}

    /**
     * Renders a report.
     * @param report The report.
     * @return The table.
     */
    public static String of(RankingReport report) {
        List<String> columns = new ArrayList<>(List.of("all"));
        columns.addAll(report.perClass().keySet());
        List<RankingReport.Metrics> metrics = new ArrayList<>(List.of(report.overall()));
        metrics.addAll(report.perClass().values());
        StringBuilder sb = new StringBuilder();
        row(sb, "metric", columns);
        rowOf(sb, "groups", metrics, RankingReport.Metrics::groups, "%.0f");
        rowOf(sb, "pairs", metrics, RankingReport.Metrics::pairs, "%.0f");
        rowOf(sb, "pairwise accuracy", metrics, RankingReport.Metrics::pairwiseAccuracy, "%.4f");
        if (!report.lengthBaselines().isEmpty()) {
            List<RankingReport.LengthBaselines> baselines = new ArrayList<>();
            baselines.add(report.lengthBaselines().get(RankingReport.ALL));
            report.perClass().keySet().forEach(type -> baselines.add(report.lengthBaselines().get(type)));
            List<String> longer = new ArrayList<>();
            List<String> shorter = new ArrayList<>();
            for (RankingReport.LengthBaselines b : baselines) {
                longer.add(b == null ? "-" : format(b.longerWins(), "%.4f"));
                shorter.add(b == null ? "-" : format(b.shorterWins(), "%.4f"));
            }
            row(sb, "  longer wins", longer);
            row(sb, "  shorter wins", shorter);
            List<String> rho = new ArrayList<>();
            List<String> controlled = new ArrayList<>();
            for (String type : columns) {
                RankingReport.LengthBias b = report.lengthBias().get(type);
                rho.add(b == null ? "-" : format(b.rewardLengthRho(), "%.4f"));
                controlled.add(b == null ? "-" : format(b.lengthControlledAccuracy(), "%.4f")
                        + String.format(Locale.ROOT, " (%d)", b.shorterBetterPairs()));
            }
            row(sb, "  shorter better", controlled);
            row(sb, "reward~length rho", rho);
        }
        rowOf(sb, "kendall tau-b", metrics, RankingReport.Metrics::kendallTau, "%.4f");
        rowOf(sb, "spearman rho", metrics, RankingReport.Metrics::spearmanRho, "%.4f");
        rowOf(sb, "ndcg@" + report.overall().ndcgK(), metrics, RankingReport.Metrics::ndcg, "%.4f");
        rowOf(sb, "reward mean", metrics, RankingReport.Metrics::rewardMean, "%.4f");
        rowOf(sb, "reward std", metrics, RankingReport.Metrics::rewardStd, "%.4f");
        rowOf(sb, "within-prompt std q10", metrics, m -> m.withinGroupSpread().q10(), "%.4f");
        rowOf(sb, "  median", metrics, m -> m.withinGroupSpread().median(), "%.4f");
        rowOf(sb, "  q90", metrics, m -> m.withinGroupSpread().q90(), "%.4f");
        rowOf(sb, "  flat prompts", metrics, m -> m.withinGroupSpread().flatShare(), "%.4f");
        report.lengthVerdict().ifPresent(v -> sb.append(String.format(Locale.ROOT, "%-22s %s%n", "verdict",
                "the model " + v.text())));
        report.unpairedLabels().ifPresent(u -> sb.append(String.format(Locale.ROOT, "%-22s %s%n", "unpaired labels",
                u.text())));
        if (!report.utilities().isEmpty()) {
            StringBuilder specs = new StringBuilder();
            report.utilities().toSpecs().forEach((type, spec) -> specs.append(specs.length() == 0 ? "" : "  ")
                    .append(type).append(": ").append(spec));
            sb.append(String.format(Locale.ROOT, "%-22s %s%n", "utilities", specs));
        }
        report.collapse().ifPresent(collapse -> {
            sb.append(String.format(Locale.ROOT, "%ncollapse (n = %d%s)%n", collapse.gridSize(),
                    collapse.normalised() ? ", rewards min-max normalised per group" : ""));
            sb.append(String.format(Locale.ROOT, "  %-10s %-20s %-16s %s%n", "class", "utility", "theory distance",
                    "profile, worst to best"));
            collapse.classes().forEach((type, d) -> sb.append(String.format(Locale.ROOT, "  %-10s %-20s %-16s %s%n",
                    type, d.utility() == null ? "-" : d.utilitySpec(), format(d.theoryDistance(), "%.4f"),
                    profile(d.profile().mean()))));
            sb.append(String.format(Locale.ROOT, "  collapse gap %s, KS distance between classes %s%n",
                    format(collapse.collapseGap(), "%.4f"), format(collapse.ksDistance(), "%.4f")));
        });
        for (String note : report.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    private static void rowOf(StringBuilder sb, String name, List<RankingReport.Metrics> metrics,
                              ToDoubleFunction<RankingReport.Metrics> value, String format) {
        List<String> cells = new ArrayList<>();
        metrics.forEach(m -> cells.add(format(value.applyAsDouble(m), format)));
        row(sb, name, cells);
    }

    private static void row(StringBuilder sb, String name, List<String> cells) {
        sb.append(String.format(Locale.ROOT, "%-22s", name));
        for (String cell : cells) {
            sb.append(String.format(Locale.ROOT, " %-12s", cell));
        }
        sb.append('\n');
    }

    private static String format(double value, String format) {
        if (Double.isNaN(value)) {
            return "-";
        }
        // fixed decimals for ordinary magnitudes; huge unbounded rewards would print hundreds of digits
        boolean huge = Double.isFinite(value) && Math.abs(value) >= 1e6 && format.endsWith("f");
        return String.format(Locale.ROOT, huge ? "%.4g" : format, value);
    }

    private static String profile(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return sb.toString();
    }
}
