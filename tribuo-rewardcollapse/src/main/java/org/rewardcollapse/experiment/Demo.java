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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.eval.CollapseDiagnostics;
import org.rewardcollapse.eval.PlotSupport;
import org.rewardcollapse.eval.Plots;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.io.OutputDirectory;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.LearningRateSchedule;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The paper's experiment, on the project's own generated truncation benchmark (no download), with the baselines
 * reviewers asked for: the same MLP, data and seed trained with the fixed utilities {@code linear}, {@code log},
 * {@code inverse} and {@code log-sigmoid:0.25}, the prompt-aware {@code open=inverse,closed=linear}, log-sigmoid with
 * early stopping on validation groups, and the two automatic policies (cardinal scores; a classifier taught by 10% of
 * the prompt types). Each run is an {@link Experiment} with its own run directory; the demo writes
 * {@code summary.json}, a table and the collapse gap of every run across training ({@code gap-by-step.png}), and
 * checks the paper's claims.
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 */
public final class Demo {
    private static final double CLOSE = 0.05;
    private static final double APART = 0.3;
    private static final double EARLY_GAP = 0.1;

    /**
     * The demo's size.
     *
     * @param trainPrompts Training prompts (the paper used 8,192).
     * @param testPrompts Held-out test prompts.
     * @param epochs Training epochs.
     * @param seed The seed of the data, split and training.
     */
    public record Settings(int trainPrompts, int testPrompts, int epochs, long seed) {
        /**
         * The full demo: the paper's 8,192 training prompts.
         * @return The settings.
         */
        public static Settings full() {
            return new Settings(SyntheticRankingSource.PAPER_TRAIN_PROMPTS, 1024, 20, 7L);
        }

        /**
         * The quick demo, for CI.
         * @return The settings.
         */
        public static Settings quick() {
            return new Settings(1024, 256, 80, 7L);
        }
    }

    /**
     * One run of the demo.
     *
     * @param name The run's name.
     * @param policy The utility policy spec.
     * @param validation Hold out validation groups and stop early.
     */
    private record Spec(String name, String policy, boolean validation) {}

    private static final List<Spec> RUNS = List.of(
            new Spec("linear", "linear", false),
            new Spec("log", "log", false),
            new Spec("inverse", "inverse", false),
            new Spec("log-sigmoid", "log-sigmoid:0.25", false),
            new Spec("prompt-aware", "open=inverse,closed=linear", false),
            new Spec("log-sigmoid-early-stopping", "log-sigmoid:0.25", true),
            new Spec("auto-cardinal", "auto:cardinal", false),
            new Spec("auto-classifier", "auto:classifier,features=prompt-,fraction=0.1,open=inverse,closed=linear", false));

    private Demo() {}

    /**
     * Runs the demo, replacing an earlier demo's directory.
     * @param directory The output directory (run directories go under {@code runs/}).
     * @param settings The size.
     * @param out Where to print progress and the table.
     * @return The summary (as written to {@link RunLayout#SUMMARY}).
     * @throws IOException If an output cannot be written.
     */
    public static ObjectNode run(Path directory, Settings settings, PrintWriter out) throws IOException {
        return run(directory, settings, out, OutputDirectory.Replace.EARLIER_OUTPUT);
    }

    /**
     * Runs the demo. The directory is complete or absent, like a run directory ({@link OutputDirectory}).
     * @param directory The output directory (run directories go under {@code runs/}).
     * @param settings The size.
     * @param out Where to print progress and the table.
     * @param replace Whether an earlier demo's directory there may be replaced.
     * @return The summary (as written to {@link RunLayout#SUMMARY}).
     * @throws IOException If an output cannot be written.
     * @throws IllegalArgumentException If {@code directory} holds what may not be replaced, before any work.
     */
    public static ObjectNode run(Path directory, Settings settings, PrintWriter out, OutputDirectory.Replace replace)
            throws IOException {
        try (OutputDirectory demo = OutputDirectory.create(directory, RunLayout.DEMO, replace)) {
            ObjectNode summary = runInto(demo.work(), settings, out);
            demo.commit();
            out.printf("wrote %s, %s and %s/<name>/ (model.tribuo, model.onnx, provenance.json, config.xml, "
                    + "metrics.json, plots, run.log)%n", directory.resolve(RunLayout.SUMMARY),
                    directory.resolve(RunLayout.GAP_BY_STEP), directory.resolve(RunLayout.RUNS));
            out.flush();
            return summary;
        }
    }

    private static ObjectNode runInto(Path directory, Settings settings, PrintWriter out) throws IOException {
        int total = settings.trainPrompts() + settings.testPrompts();
        out.printf(Locale.ROOT, "generating the truncation benchmark: %d prompts (%d train, %d test), n = 8%n", total,
                settings.trainPrompts(), settings.testPrompts());
        out.flush();
        SyntheticRankingSource data = new SyntheticRankingSource(total, 0.5, settings.seed(), ResponseFeaturizer.defaults());
        double testFraction = settings.testPrompts() / (double) total;
        long steps = (long) settings.epochs() * ((settings.trainPrompts() + 15) / 16);
        int[] snapshots = snapshotSteps(steps);
        ObjectNode summary = Json.mapper().createObjectNode();
        ObjectNode settingsNode = summary.putObject("settings");
        settingsNode.put("train_prompts", settings.trainPrompts());
        settingsNode.put("test_prompts", settings.testPrompts());
        settingsNode.put("epochs", settings.epochs());
        settingsNode.put("seed", settings.seed());
        settingsNode.put("model", "MLP, one hidden layer of 64 tanh units, sigmoid head (bounded rewards)");
        settingsNode.put("optimiser", "Adam 0.01, cosine decay, 16 prompts per minibatch");
        summary.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        ArrayNode runs = summary.putArray("runs");
        Map<String, List<double[]>> gaps = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Spec spec : RUNS) {
            out.printf(Locale.ROOT, "training %-27s policy %s%n", spec.name(), spec.policy());
            out.flush();
            MlpRewardTrainer.Builder trainer = MlpRewardTrainer.builder().hiddenSizes(64).activation(Activation.TANH)
                    .objective(RankingObjective.of(spec.policy(), true)).optimiser(new Adam(0.01))
                    .epochs(settings.epochs())
                    .minibatchSize(16).schedule(0, LearningRateSchedule.Decay.COSINE).seed(settings.seed())
                    .snapshots(256, snapshots);
            if (spec.validation()) {
                trainer.validation(0.1, 3);
            }
            Experiment experiment = new Experiment(spec.name(), data, null, testFraction, settings.seed(),
                    trainer.build(), 10, true);
            RunResult result = experiment.run(directory.resolve(RunLayout.RUNS).resolve(spec.name()),
                    OutputDirectory.Replace.NOTHING);
            Row row = Row.of(spec, result);
            rows.add(row);
            gaps.put(spec.name(), result.gapByStep());
            row.write(runs.addObject());
        }
        if (PlotSupport.available()) {
            Plots.gapsByStep(gaps, "Collapse gap between open and closed prompts during training",
                    directory.resolve(RunLayout.GAP_BY_STEP));
        }
        ArrayNode checks = summary.putArray("checks");
        checks(rows).forEach(check -> {
            ObjectNode node = checks.addObject();
            node.put("claim", check.claim());
            node.put("holds", check.holds());
            node.put("measured", check.measured());
        });
        AtomicFiles.write(directory.resolve(RunLayout.SUMMARY), stream ->
                stream.write(summary.toPrettyString().getBytes(StandardCharsets.UTF_8)));
        print(rows, checks(rows), out);
        return summary;
    }

    /** Snapshot steps spaced about evenly on a log scale from 0 to the last step. */
    private static int[] snapshotSteps(long last) {
        TreeSet<Integer> steps = new TreeSet<>(List.of(0));
        for (double s = 10; s < last; s *= 1.6) {
            steps.add((int) Math.round(s));
        }
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One run's line of the summary. */
    private record Row(String name, String policy, String utilities, double gap, double theoryOpen,
                       double theoryClosed, double accuracy, double maxGap, long maxGapStep, List<double[]> gapByStep,
                       double seconds, Map<String, RankingReport.Spread> spread) {
        static Row of(Spec spec, RunResult result) {
            CollapseDiagnostics collapse = result.report().collapse().orElseThrow();
            double maxGap = 0.0;
            long maxStep = 0;
            for (double[] p : result.gapByStep()) {
                if (p[1] > maxGap) {
                    maxGap = p[1];
                    maxStep = (long) p[0];
                }
            }
            String utilities = "open=" + utility(collapse, TruncationBenchmark.OPEN) + ", closed="
                    + utility(collapse, TruncationBenchmark.CLOSED);
            return new Row(spec.name(), spec.policy(), utilities, collapse.collapseGap(),
                    theory(collapse, TruncationBenchmark.OPEN), theory(collapse, TruncationBenchmark.CLOSED),
                    result.report().overall().pairwiseAccuracy(), maxGap, maxStep, result.gapByStep(),
                    result.trainingSeconds(), spread(result.report()));
        }

        /** The within-prompt reward spread of all test prompts and of each class. */
        private static Map<String, RankingReport.Spread> spread(RankingReport report) {
            Map<String, RankingReport.Spread> spread = new LinkedHashMap<>();
            spread.put(RankingReport.ALL, report.overall().withinGroupSpread());
            report.perClass().forEach((type, metrics) -> spread.put(type, metrics.withinGroupSpread()));
            return spread;
        }

        private static String utility(CollapseDiagnostics collapse, String type) {
            return Optional.ofNullable(collapse.classes().get(type)).map(CollapseDiagnostics.ClassDiagnostics::utilitySpec)
                    .orElse("mixed");
        }

        private static double theory(CollapseDiagnostics collapse, String type) {
            return Optional.ofNullable(collapse.classes().get(type))
                    .map(CollapseDiagnostics.ClassDiagnostics::theoryDistance).orElse(Double.NaN);
        }

        void write(ObjectNode node) {
            node.put("name", name);
            node.put("utility", policy);
            node.put("utilities_by_type", utilities);
            number(node, "collapse_gap", gap);
            ObjectNode theory = node.putObject("theory_distance");
            number(theory, TruncationBenchmark.OPEN, theoryOpen);
            number(theory, TruncationBenchmark.CLOSED, theoryClosed);
            number(node, "pairwise_accuracy", accuracy);
            ArrayNode steps = node.putArray("gap_by_step");
            gapByStep.forEach(p -> steps.addArray().add((long) p[0]).add(p[1]));
            node.put("training_seconds", seconds);
            ObjectNode within = node.putObject("within_prompt_reward_std");
            spread.forEach((type, q) -> {
                ObjectNode cls = within.putObject(type);
                number(cls, "q10", q.q10());
                number(cls, "median", q.median());
                number(cls, "q90", q.q90());
                number(cls, "flat_share", q.flatShare());
            });
            node.put("directory", RunLayout.RUNS + "/" + name);
        }

        private static void number(ObjectNode node, String key, double value) {
            if (Double.isFinite(value)) {
                node.put(key, value);
            } else {
                node.putNull(key);
            }
        }
    }

    /** A claim of the paper checked on the demo's numbers. */
    private record Check(String claim, boolean holds, String measured) {}

    private static List<Check> checks(List<Row> rows) {
        List<Check> checks = new ArrayList<>();
        for (Row r : rows) {
            switch (r.name()) {
                case "linear", "log", "inverse", "log-sigmoid" -> checks.add(new Check(r.name()
                        + ": fixed utility collapses (gap <= 0.05, both classes within 0.05 of its optimum)",
                        r.gap() <= CLOSE && r.theoryOpen() <= CLOSE && r.theoryClosed() <= CLOSE,
                        String.format(Locale.ROOT, "gap %.4f, open %.4f, closed %.4f", r.gap(), r.theoryOpen(), r.theoryClosed())));
                case "prompt-aware" -> checks.add(new Check("prompt-aware: classes apart (gap >= 0.3), each within 0.05"
                        + " of its own utility's optimum", r.gap() >= APART && r.theoryOpen() <= CLOSE
                        && r.theoryClosed() <= CLOSE, String.format(Locale.ROOT, "gap %.4f, open %.4f, closed %.4f",
                        r.gap(), r.theoryOpen(), r.theoryClosed())));
                default -> { }
            }
            if (r.name().equals("log-sigmoid")) {
                checks.add(new Check("log-sigmoid: the gap rises above 0.1 during training and ends at most 0.05",
                        r.maxGap() > EARLY_GAP && r.gap() <= CLOSE, String.format(Locale.ROOT,
                        "max %.4f at step %d, final %.4f", r.maxGap(), r.maxGapStep(), r.gap())));
            }
        }
        return checks;
    }

    private static void print(List<Row> rows, List<Check> checks, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%-27s %-38s %7s %8s %8s %8s %14s %6s %15s%n", "run", "utility (open, closed)",
                "gap", "theory", "theory", "pairwise", "max gap while", "train", "within-prompt");
        out.printf(Locale.ROOT, "%-27s %-38s %7s %8s %8s %8s %14s %6s %15s%n", "", "", "(test)", "open", "closed",
                "accuracy", "training (step)", "s", "std open/closed");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-27s %-38s %7s %8s %8s %8s %14s %6.1f %15s%n", r.name(), r.utilities()
                    .replace("open=", "").replace(" closed=", " "), f(r.gap()), f(r.theoryOpen()), f(r.theoryClosed()),
                    f(r.accuracy()), String.format(Locale.ROOT, "%.3f (%d)", r.maxGap(), r.maxGapStep()), r.seconds(),
                    median(r, TruncationBenchmark.OPEN) + "/" + median(r, TruncationBenchmark.CLOSED));
        }
        out.println("(within-prompt std: the median over test prompts of the standard deviation of a prompt's rewards)");
        out.println();
        for (Check c : checks) {
            out.printf("%s %s: %s%n", c.holds() ? "[ok]  " : "[FAIL]", c.claim(), c.measured());
        }
    }

    private static String median(Row r, String type) {
        RankingReport.Spread q = r.spread().get(type);
        return q == null || !Double.isFinite(q.median()) ? "-" : String.format(Locale.ROOT, "%.3f", q.median());
    }

    private static String f(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
    }
}
