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

import org.rewardcollapse.eval.EvaluationWriter;
import org.rewardcollapse.io.DirectoryLayout;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of the files in a run directory and in the demo's directory, in one place. A run directory holds the
 * model, its ONNX export, its provenance, the experiment's configuration, the run's log and the held-out evaluation
 * ({@link EvaluationWriter#LAYOUT}); the demo's directory holds its summary, its gap plot and one run directory per
 * run under {@value #RUNS}.
 */
public final class RunLayout {
    /** The model file. */
    public static final String MODEL = "model.tribuo";
    /** The ONNX export. */
    public static final String ONNX = "model.onnx";
    /** The model's Tribuo provenance as JSON. */
    public static final String PROVENANCE = "provenance.json";
    /** The experiment as an OLCUT configuration. */
    public static final String CONFIG = "config.xml";
    /** What was logged during the run. */
    public static final String LOG = "run.log";
    /** The ids of the held-out prompts the run was evaluated on, one per line (absent when it held none out). */
    public static final String HELD_OUT = "held-out-prompts.txt";
    /** The demo's summary. */
    public static final String SUMMARY = "summary.json";
    /** The demo's plot of every run's collapse gap during training. */
    public static final String GAP_BY_STEP = "gap-by-step.png";
    /** The demo's folder of run directories. */
    public static final String RUNS = "runs";

    /** A run directory. */
    public static final DirectoryLayout RUN = new DirectoryLayout("run", List.of(PROVENANCE, MODEL),
            EvaluationWriter.LAYOUT.files(), java.util.Map.of())
            .withFiles(Pattern.quote(MODEL), Pattern.quote(ONNX), Pattern.quote(PROVENANCE), Pattern.quote(CONFIG),
                    Pattern.quote(LOG), Pattern.quote(HELD_OUT));

    /** The demo's directory. */
    public static final DirectoryLayout DEMO = DirectoryLayout.of("demo", List.of(SUMMARY), Pattern.quote(SUMMARY),
                    Pattern.quote(GAP_BY_STEP))
            .withDirectory(Pattern.quote(RUNS), new DirectoryLayout("runs", List.of(), List.of(), java.util.Map.of())
                    .withDirectory("[^/]+", RUN));

    private RunLayout() {}
}
