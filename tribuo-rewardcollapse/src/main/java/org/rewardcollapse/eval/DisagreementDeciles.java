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
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.GroupRewards;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Whether an ensemble's disagreement marks where it is wrong: every strictly ordered pair of a prompt's responses, its
 * uncertainty (from the members themselves, the standard deviation over members of the pair's reward difference; or,
 * from an ensemble's exported outputs, {@code sqrt(sd_i^2 + sd_j^2)} of the two responses' standard deviations), the
 * pairs sorted by it and cut into ten groups of (nearly) equal size, and the pairwise accuracy of the mean rewards in
 * each (ties 1/2). A useful disagreement gives lower accuracy in the higher deciles.
 */
public final class DisagreementDeciles {
    private DisagreementDeciles() {}

    /**
     * One decile.
     *
     * @param decile Its index, 1 (least disagreement) to 10.
     * @param fromUncertainty The smallest uncertainty in it.
     * @param toUncertainty The largest.
     * @param pairs Its pairs.
     * @param accuracy The pairwise accuracy of the mean rewards over them.
     */
    public record Decile(int decile, double fromUncertainty, double toUncertainty, int pairs, double accuracy) {}

    /** What {@link #ofEnsemble} takes as a pair's uncertainty, in words. */
    static final String FROM_MEMBERS = "the members' standard deviation of r_i - r_j";
    /** What {@link #of} takes as a pair's uncertainty, in words. */
    static final String FROM_RESPONSES = "sqrt(sd_i^2 + sd_j^2) of the two responses' standard deviations";

    /**
     * An ensemble's deciles both ways.
     *
     * @param absolute By a pair's uncertainty.
     * @param relative By that uncertainty over the absolute mean difference {@code |r_i - r_j|}.
     * @param uncertainty What a pair's uncertainty is, in words.
     */
    public record Disagreement(List<Decile> absolute, List<Decile> relative, String uncertainty) {
        /** No ensemble, no deciles. */
        public static final Disagreement NONE = new Disagreement(List.of(), List.of(), "");

        /**
         * Copies the lists.
         */
        public Disagreement {
            absolute = List.copyOf(absolute);
            relative = List.copyOf(relative);
        }

        /**
         * Are there no deciles (not an ensemble)?
         * @return True if so.
         */
        public boolean isEmpty() {
            return absolute.isEmpty() && relative.isEmpty();
        }

        /**
         * Both tables for the terminal, with their headings.
         * @return The text.
         */
        public String table() {
            return "accuracy by ensemble disagreement decile (a pair's uncertainty: " + uncertainty + "):\n"
                    + DisagreementDeciles.table(absolute) + "accuracy by relative disagreement decile (the same over "
                    + "|mean r_i - r_j|, the ensemble's doubt about the order):\n" + DisagreementDeciles.table(relative);
        }

        /**
         * Both as JSON.
         * @return {@code {"absolute": [...], "relative": [...]}}.
         */
        public ObjectNode toJson() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("uncertainty", uncertainty);
            node.set("absolute", DisagreementDeciles.toJson(absolute));
            node.set("relative", DisagreementDeciles.toJson(relative));
            return node;
        }
    }

    /**
     * The deciles from each response's standard deviation alone (what an ensemble's scores file or ONNX outputs
     * give): a pair's uncertainty is {@code sqrt(sd_i^2 + sd_j^2)}, and relative to {@code |r_i - r_j|}. It treats
     * the members' rewards of two responses as independent, which overstates the spread of their difference; the
     * model itself gives the exact one ({@link #ofEnsemble}).
     * @param groups The groups: scores and the ensemble's mean rewards.
     * @param stds Each prompt's standard deviations of the members' rewards, aligned with its rewards.
     * @return The deciles, absolute and relative.
     * @throws IllegalArgumentException If a group has no standard deviations or a different number of them.
     */
    public static Disagreement of(List<GroupRewards> groups, Map<String, double[]> stds) {
        List<double[]> absolute = new ArrayList<>(); // {uncertainty, correct}
        List<double[]> relative = new ArrayList<>();
        for (GroupRewards g : groups) {
            double[] sd = stds.get(g.promptId());
            if (sd == null || sd.length != g.rewards().length) {
                throw new IllegalArgumentException("prompt '" + g.promptId() + "' has " + g.rewards().length
                        + " rewards and " + (sd == null ? "no" : sd.length) + " standard deviations");
            }
            double[] r = g.rewards();
            forEachPair(g, (i, j, correct) -> {
                double spread = Math.sqrt(sd[i] * sd[i] + sd[j] * sd[j]);
                double lead = Math.abs(r[i] - r[j]);
                absolute.add(new double[]{spread, correct});
                relative.add(new double[]{lead > 0.0 ? spread / lead : Double.POSITIVE_INFINITY, correct});
            });
        }
        return new Disagreement(bin(absolute), bin(relative), FROM_RESPONSES);
    }

    /**
     * The deciles with each pair's uncertainty taken from the members themselves: the sample standard deviation over
     * the members of the pair's reward difference {@code r_i - r_j} (what the members disagree on when they order
     * the pair; the members' rewards of two responses move together, which per-response deviations cannot see).
     * @param groups The groups: scores and the ensemble's mean rewards.
     * @param memberRewards Each prompt's member rewards, {@code [response][member]}, aligned with its rewards.
     * @return The deciles.
     * @throws IllegalArgumentException If a group has no member rewards or a different number of them.
     */
    public static List<Decile> ofMembers(List<GroupRewards> groups, Map<String, double[][]> memberRewards) {
        return ofMembers(groups, memberRewards, false);
    }

    /**
     * The deciles with each pair's uncertainty from the members, as {@link #ofMembers(List, Map)} or relative to the
     * pair's mean reward difference: {@code sd(r_i - r_j) / |mean(r_i - r_j)|}, the members' doubt about the order
     * itself (a pair the mean rewards tie is the most uncertain).
     * @param groups The groups: scores and the ensemble's mean rewards.
     * @param memberRewards Each prompt's member rewards, {@code [response][member]}, aligned with its rewards.
     * @param relative Divide by the absolute mean difference.
     * @return The deciles.
     * @throws IllegalArgumentException If a group has no member rewards or a different number of them.
     */
    public static List<Decile> ofMembers(List<GroupRewards> groups, Map<String, double[][]> memberRewards,
                                         boolean relative) {
        List<double[]> pairs = new ArrayList<>();
        StandardDeviation sd = new StandardDeviation(true);
        for (GroupRewards g : groups) {
            double[][] members = memberRewards.get(g.promptId());
            if (members == null || members.length != g.rewards().length) {
                throw new IllegalArgumentException("prompt '" + g.promptId() + "' has " + g.rewards().length
                        + " rewards and " + (members == null ? "no" : members.length) + " rows of member rewards");
            }
            forEachPair(g, (i, j, correct) -> {
                double[] differences = new double[members[i].length];
                for (int m = 0; m < differences.length; m++) {
                    differences[m] = members[i][m] - members[j][m];
                }
                double spread = sd.evaluate(differences);
                double lead = Math.abs(java.util.Arrays.stream(differences).average().orElse(0.0));
                pairs.add(new double[]{relative ? (lead > 0.0 ? spread / lead : Double.POSITIVE_INFINITY) : spread,
                        correct});
            });
        }
        return bin(pairs);
    }

    /** What to do with one strictly ordered pair, i better than j, and whether the mean rewards order it (1, 1/2, 0). */
    private interface PairVisitor {
        void visit(int i, int j, double correct);
    }

    private static void forEachPair(GroupRewards g, PairVisitor visitor) {
        double[] s = g.scores();
        double[] r = g.rewards();
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (s[i] > s[j]) {
                    visitor.visit(i, j, r[i] > r[j] ? 1.0 : r[i] == r[j] ? 0.5 : 0.0);
                }
            }
        }
    }

    /** Pairs {uncertainty, correct} sorted by uncertainty and cut into ten bins of (nearly) equal size. */
    private static List<Decile> bin(List<double[]> pairs) {
        pairs.sort(Comparator.comparingDouble(p -> p[0]));
        int bins = Math.min(10, pairs.size());
        List<Decile> deciles = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) pairs.size() * b / bins);
            int to = (int) ((long) pairs.size() * (b + 1) / bins);
            double correct = pairs.subList(from, to).stream().mapToDouble(p -> p[1]).sum();
            deciles.add(new Decile(b + 1, pairs.get(from)[0], pairs.get(to - 1)[0], to - from, correct / (to - from)));
        }
        return deciles;
    }

    /**
     * The deciles of an ensemble on some predictions of it, each pair's uncertainty from its members
     * ({@link #ofMembers(List, Map, boolean)}).
     * @param ensemble The ensemble.
     * @param predictions Its predictions.
     * @param promptIdKey The prompt-id key.
     * @param promptTypeKey The prompt-type key.
     * @return The deciles, absolute and relative.
     */
    public static Disagreement ofEnsemble(EnsembleRewardModel ensemble, List<Prediction<Regressor>> predictions,
                                          String promptIdKey, String promptTypeKey) {
        Map<String, List<double[]>> byPrompt = new java.util.LinkedHashMap<>();
        for (Prediction<Regressor> p : predictions) {
            String id = p.getExample().getMetadataValue(promptIdKey).map(Object::toString).orElse("");
            byPrompt.computeIfAbsent(id, k -> new ArrayList<>()).add(ensemble.memberRewards(p.getExample()));
        }
        Map<String, double[][]> members = new java.util.LinkedHashMap<>();
        byPrompt.forEach((id, rows) -> members.put(id, rows.toArray(double[][]::new)));
        List<GroupRewards> groups = ScoredGroups.fromPredictions(predictions, promptIdKey, promptTypeKey);
        return new Disagreement(ofMembers(groups, members, false), ofMembers(groups, members, true), FROM_MEMBERS);
    }

    /**
     * The deciles as JSON: one object per decile.
     * @param deciles The deciles.
     * @return The array.
     */
    public static ArrayNode toJson(List<Decile> deciles) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Decile d : deciles) {
            ObjectNode node = array.addObject().put("decile", d.decile());
            ReportJson.number(node, "uncertainty_from", d.fromUncertainty());
            ReportJson.number(node, "uncertainty_to", d.toUncertainty());
            node.put("pairs", d.pairs()).put("accuracy", d.accuracy());
        }
        return array;
    }

    /**
     * The deciles as a table for the terminal.
     * @param deciles The deciles.
     * @return The table.
     */
    public static String table(List<Decile> deciles) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-8s %-21s %7s %9s%n", "decile",
                "uncertainty", "pairs", "accuracy"));
        for (Decile d : deciles) {
            sb.append(String.format(java.util.Locale.ROOT, "%-8d %-21s %7d %9.4f%n", d.decile(),
                    String.format(java.util.Locale.ROOT, "%.4f-%.4f", d.fromUncertainty(), d.toUncertainty()),
                    d.pairs(), d.accuracy()));
        }
        return sb.toString();
    }
}
