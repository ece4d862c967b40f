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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.DirectoryLayout;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.TrainingHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes an evaluation into a directory: {@code metrics.json} (the report, its provenance and, when a training
 * history is given, the collapse gap at each snapshot) and the plots ({@code profiles.png},
 * {@code histogram-TYPE.png} per class, {@code gap.png}, {@code within-std.png}: the within-prompt reward spread). Every file is written atomically.
 */
public final class EvaluationWriter {
    /** The metrics file name. */
    public static final String METRICS = "metrics.json";
    /** The profile plot's file name. */
    public static final String PROFILES = "profiles.png";
    /** The snapshot gap plot's file name. */
    public static final String GAP = "gap.png";
    /** The within-prompt reward spread plot's file name. */
    public static final String WITHIN_SPREAD = "within-std.png";
    /** The prefix of the per-class histograms' file names, {@code histogram-TYPE.png}. */
    public static final String HISTOGRAM_PREFIX = "histogram-";
    /** The most reward histograms an evaluation draws (of the prompt types with the most prompts). */
    public static final int MAX_HISTOGRAMS = 24;
    private static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger(
            EvaluationWriter.class.getName());
    /** What an evaluation directory holds. */
    public static final DirectoryLayout LAYOUT = DirectoryLayout.of("evaluation", List.of(METRICS),
            Pattern.quote(METRICS), Pattern.quote(PROFILES), Pattern.quote(GAP), Pattern.quote(WITHIN_SPREAD),
            Pattern.quote(HISTOGRAM_PREFIX) + "[A-Za-z0-9_-]*\\.png");

    private EvaluationWriter() {}

    /**
     * Tribuo provenance as JSON (Tribuo's JSON provenance format: a list of marshalled records).
     * @param provenance The provenance.
     * @return The JSON.
     */
    public static JsonNode provenanceJson(ObjectProvenance provenance) {
        try {
            return Json.mapper().readTree(new JsonProvenanceSerialization(false).marshalAndSerialize(provenance));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render provenance as JSON", e);
        }
    }

    /**
     * The collapse gap at each snapshot of a training history that has two or more prompt classes.
     * @param history The history.
     * @param normalise Min-max normalise rewards per group.
     * @return Pairs {step, gap}, in step order.
     */
    public static List<double[]> gapByStep(TrainingHistory history, boolean normalise) {
        List<double[]> gaps = new ArrayList<>();
        for (TrainingHistory.RewardSnapshot snapshot : history.snapshots()) {
            double gap = CollapseDiagnostics.collapseGap(snapshot.groups(), normalise);
            if (!Double.isNaN(gap)) {
                gaps.add(new double[]{snapshot.step(), gap});
            }
        }
        return gaps;
    }

    /**
     * Writes the evaluation.
     * @param report The report.
     * @param provenance The evaluation's provenance as JSON (may be null).
     * @param gapByStep The collapse gap at training snapshots (may be empty).
     * @param title A short description of what was evaluated, for plot titles.
     * @param directory The directory, created if needed.
     * @return The files written.
     * @throws IOException If a file cannot be written; files already written stay complete.
     */
    public static List<Path> write(RankingReport report, JsonNode provenance, List<double[]> gapByStep, String title,
                                   Path directory) throws IOException {
        return write(report, provenance, gapByStep, title, Map.of(), directory);
    }

    /**
     * The histogram file of a prompt type: {@code histogram-TYPE.png} for a type of lower-case letters, digits,
     * {@code _} and {@code -}; any other type's name made safe and followed by 8 hex digits of its SHA-256, so no two
     * types share a file (on case-insensitive file systems too).
     * @param type The prompt type.
     * @return The file name.
     */
    public static String histogramFile(String type) {
        if (type.matches("[a-z0-9_-]{1,64}")) {
            return HISTOGRAM_PREFIX + type + ".png";
        }
        String safe = type.replaceAll("[^A-Za-z0-9_-]", "_");
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(type.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        return HISTOGRAM_PREFIX + safe.substring(0, Math.min(safe.length(), 64)) + "-"
                + java.util.HexFormat.of().formatHex(hash, 0, 4) + ".png";
    }

    /**
     * Writes {@code metrics.json} with extra sections, and the plots.
     * @param report The report.
     * @param provenance The evaluation's provenance as JSON (may be null).
     * @param gapByStep The collapse gap at training snapshots (may be empty).
     * @param title A short description of what was evaluated, for plot titles.
     * @param sections Further top-level sections of {@code metrics.json} (e.g. {@code model_selection}).
     * @param directory The directory, created if needed.
     * @return The files written.
     * @throws IOException If a file cannot be written; files already written stay complete.
     */
    public static List<Path> write(RankingReport report, JsonNode provenance, List<double[]> gapByStep, String title,
                                   Map<String, JsonNode> sections, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        ObjectNode json = ReportJson.of(report);
        sections.forEach(json::set);
        if (!gapByStep.isEmpty()) {
            ArrayNode gaps = json.putArray("gap_by_step");
            gapByStep.forEach(p -> gaps.addArray().add((long) p[0]).add(p[1]));
        }
        if (provenance != null) {
            json.set("provenance", provenance);
        }
        Path metrics = directory.resolve(METRICS);
        AtomicFiles.write(metrics, out -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, json));
        written.add(metrics);
        if (!PlotSupport.available()) {
            return written;
        }
        if (report.collapse().isPresent()) {
            CollapseDiagnostics collapse = report.collapse().get();
            Path profiles = directory.resolve(PROFILES);
            Plots.profiles(collapse, "Reward profiles: " + title, profiles);
            written.add(profiles);
            if (collapse.classes().size() > MAX_HISTOGRAMS) {
                logger.warning("the plots show the " + MAX_HISTOGRAMS + " prompt types with the most prompts, of "
                        + collapse.classes().size() + " (" + METRICS + " has every type)");
            }
            for (Map.Entry<String, CollapseDiagnostics.ClassDiagnostics> entry : Plots.largest(collapse.classes())) {
                Path histogram = directory.resolve(histogramFile(entry.getKey()));
                Plots.histogram(entry.getKey(), entry.getValue(), histogram);
                written.add(histogram);
            }
        }
        if (report.overall().withinGroupSpread().groups() > 0) {
            Path spread = directory.resolve(WITHIN_SPREAD);
            double overallStd = report.overall().rewardStd();
            Plots.withinSpread(report.withinGroupStds(), RankingReport.Spread.FLAT * overallStd,
                    "Reward spread within a prompt: " + title, spread);
            written.add(spread);
        }
        if (gapByStep.size() > 1) {
            Path gap = directory.resolve(GAP);
            Plots.gapByStep(gapByStep, "Collapse gap during training: " + title, gap);
            written.add(gap);
        }
        return written;
    }
}
