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

import com.fasterxml.jackson.databind.JsonNode;
import org.rewardcollapse.eval.DisagreementDeciles;
import org.rewardcollapse.eval.EvaluationWriter;
import org.rewardcollapse.eval.RankingReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation found, ready to print and to write.
 *
 * @param report The ranking metrics and collapse diagnostics.
 * @param provenance What was evaluated on what, as JSON (Tribuo's evaluation provenance, or the scores file's hash
 *                   and the data's provenance).
 * @param gapByStep The collapse gap at the model's training snapshots, {step, gap} pairs (empty if none).
 * @param title What was evaluated, for the plots.
 * @param warnings What the user should know about the evaluation itself (for example that the data holds the model's
 *                 training prompts), one sentence each.
 * @param disagreement An ensemble's accuracy by disagreement decile (empty for any other model).
 */
public record EvaluationResult(RankingReport report, JsonNode provenance, List<double[]> gapByStep, String title,
                               List<String> warnings, DisagreementDeciles.Disagreement disagreement) {
    /**
     * Copies the lists.
     */
    public EvaluationResult {
        gapByStep = List.copyOf(gapByStep);
        warnings = List.copyOf(warnings);
    }

    /**
     * A result without disagreement deciles.
     * @param report The report.
     * @param provenance The provenance as JSON.
     * @param gapByStep The collapse gap at training snapshots.
     * @param title What was evaluated.
     * @param warnings Warnings about the evaluation.
     */
    public EvaluationResult(RankingReport report, JsonNode provenance, List<double[]> gapByStep, String title,
                            List<String> warnings) {
        this(report, provenance, gapByStep, title, warnings, DisagreementDeciles.Disagreement.NONE);
    }

    /**
     * Writes {@code metrics.json} and the plots ({@link EvaluationWriter}).
     * @param directory The directory (an output directory's work directory).
     * @return The files written.
     * @throws IOException If a file cannot be written.
     */
    public List<Path> write(Path directory) throws IOException {
        return write(directory, Map.of());
    }

    /**
     * Writes {@code metrics.json}, with further top-level sections, and the plots.
     * @param directory The directory.
     * @param sections The sections (e.g. {@code model_selection}).
     * @return The files written.
     * @throws IOException If a file cannot be written.
     */
    public List<Path> write(Path directory, Map<String, JsonNode> sections) throws IOException {
        Map<String, JsonNode> all = new java.util.LinkedHashMap<>(sections);
        if (!warnings.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode array = org.rewardcollapse.io.Json.mapper().createArrayNode();
            warnings.forEach(array::add);
            all.put("warnings", array);
        }
        if (!disagreement.isEmpty()) {
            all.put("disagreement_deciles", disagreement.toJson());
        }
        return EvaluationWriter.write(report, provenance, gapByStep, title, all, directory);
    }
}
