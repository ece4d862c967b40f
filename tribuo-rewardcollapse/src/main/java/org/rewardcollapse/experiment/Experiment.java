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

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.rewardcollapse.data.GroupSplitter;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.eval.EvaluationWriter;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.ConfigurationFiles;
import org.rewardcollapse.io.OutputDirectory;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One configured experiment: the data, how test groups are held out, the trainer (with its utility policy), the
 * evaluation and the export. {@link #run(Path)} writes a run directory, atomically:
 * <ul>
 *     <li>{@code model.tribuo} (Tribuo protobuf) and {@code model.onnx} (when the model is ONNX-exportable);</li>
 *     <li>{@code provenance.json}: the model's Tribuo provenance, from which {@link Reproduction} re-trains it;</li>
 *     <li>{@code config.xml}: this experiment as an OLCUT configuration ({@code train --config} re-runs it);</li>
 *     <li>{@code metrics.json} and the plots of the test evaluation ({@link EvaluationWriter});</li>
 *     <li>{@code run.log}: what was logged during the run.</li>
 * </ul>
 */
public final class Experiment implements Configurable, Provenancable<ConfiguredObjectProvenance> {
    /** The component name of the experiment in configuration files. */
    public static final String COMPONENT = "experiment";
    /** The logger whose records (the project's) a run's log holds. */
    public static final String PROJECT_LOGGER = "org.rewardcollapse";
    /** Run-provenance key of the experiment's name. */
    public static final String NAME_KEY = "experiment-name";

    private static final Logger logger = Logger.getLogger(Experiment.class.getName());

    @Config(mandatory = true, description = "The experiment's name.")
    private String name;

    @Config(mandatory = true, description = "The ranking data (training data, or all data when test groups are split off).")
    private ConfigurableDataSource<Regressor> data;

    @Config(description = "Separate test data; when absent, testFraction of the groups of data are held out.")
    private ConfigurableDataSource<Regressor> testData;

    @Config(description = "Fraction of prompt groups held out for testing when there is no testData, in [0, 1) "
            + "(0: evaluate on the training groups).")
    private double testFraction = 0.2;

    @Config(description = "Seed of the train/test group split.")
    private long splitSeed = Trainer.DEFAULT_SEED;

    @Config(mandatory = true, description = "The trainer (for reward models, with its utility policy).")
    private Trainer<Regressor> trainer;

    @Config(description = "L2 penalties to choose from by k-fold cross-validation over the training prompt groups "
            + "(the best mean held-out pairwise accuracy trains the model); empty: the trainer's own.")
    private List<Double> l2Candidates = new ArrayList<>();

    @Config(description = "Folds of the cross-validation that chooses the L2 penalty, >= 2.")
    private int selectionFolds = 5;

    @Config(description = "NDCG cut-off of the evaluation.")
    private int ndcgK = 10;

    @Config(description = "Export the model to ONNX as well.")
    private boolean exportOnnx = true;

    @Config(description = "SHA-256 the data file must have (written with every run's configuration, so that the "
            + "configuration cannot silently train on another file); empty: any.")
    private String dataSha256 = "";

    @Config(description = "SHA-256 the test data file must have; empty: any.")
    private String testDataSha256 = "";

    /**
     * For OLCUT.
     */
    private Experiment() {}

    /**
     * Creates an experiment.
     * @param name The name.
     * @param data The data.
     * @param testData Separate test data, or null to split {@code data}.
     * @param testFraction The fraction of groups held out when {@code testData} is null.
     * @param splitSeed The split seed.
     * @param trainer The trainer.
     * @param ndcgK The NDCG cut-off.
     * @param exportOnnx Whether to export to ONNX.
     */
    public Experiment(String name, ConfigurableDataSource<Regressor> data, ConfigurableDataSource<Regressor> testData,
                      double testFraction, long splitSeed, Trainer<Regressor> trainer, int ndcgK, boolean exportOnnx) {
        this.name = name;
        this.data = data;
        this.testData = testData;
        this.testFraction = testFraction;
        this.splitSeed = splitSeed;
        this.trainer = trainer;
        this.ndcgK = ndcgK;
        this.exportOnnx = exportOnnx;
        postConfig();
    }

    /**
     * This experiment choosing the trainer's L2 penalty by cross-validation over the training prompt groups.
     * @param candidates The penalties to choose from.
     * @param folds The number of folds, at least 2.
     * @return A new experiment.
     */
    public Experiment withL2Selection(List<Double> candidates, int folds) {
        Experiment copy = new Experiment(name, data, testData, testFraction, splitSeed, trainer, ndcgK, exportOnnx);
        copy.l2Candidates = new ArrayList<>(candidates);
        copy.selectionFolds = folds;
        copy.postConfig();
        return copy;
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be non-empty");
        }
        if (!(testFraction >= 0.0 && testFraction < 1.0)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1), found " + testFraction);
        }
        if (ndcgK < 1) {
            throw new IllegalArgumentException("ndcgK must be >= 1, found " + ndcgK);
        }
        if (data == null || trainer == null) {
            throw new IllegalArgumentException("data and trainer must be set");
        }
        if (l2Candidates == null) {
            l2Candidates = new ArrayList<>();
        }
        for (Double l2 : l2Candidates) {
            if (l2 == null || !(l2 >= 0.0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2Candidates must be finite and >= 0, found " + l2);
            }
        }
        if (selectionFolds < 2) {
            throw new IllegalArgumentException("selectionFolds must be >= 2, found " + selectionFolds);
        }
    }

    /**
     * Loads the one experiment of an OLCUT configuration file (component {@value #COMPONENT}, or the only
     * {@link Experiment} in the file), safely and with relative paths read from the file's folder
     * ({@link ConfigurationFiles#load}).
     * @param file The configuration file (XML, or JSON when OLCUT's JSON format is registered).
     * @return The experiment.
     * @throws IllegalArgumentException If the file cannot be read, is unsafe, or holds no single experiment.
     */
    public static Experiment load(Path file) {
        ConfigurationManager manager = ConfigurationFiles.load(file);
        try {
            if (manager.getComponentNames().contains(COMPONENT)) {
                return (Experiment) manager.lookup(COMPONENT);
            }
            List<Experiment> experiments = manager.lookupAll(Experiment.class);
            if (experiments.size() != 1) {
                throw new IllegalArgumentException(file + ": expected one component of class " + Experiment.class.getName()
                        + " (or named '" + COMPONENT + "'), found " + experiments.size());
            }
            return experiments.get(0);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(file + ": component '" + COMPONENT + "' is not an "
                    + Experiment.class.getName(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": invalid configuration (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The experiment's name.
     * @return The name.
     */
    public String name() {
        return name;
    }

    /**
     * Runs the experiment and writes its run directory, replacing an earlier run directory at the same place (never
     * anything else: see {@link OutputDirectory}).
     * @param directory The run directory.
     * @return The result.
     * @throws IOException If the directory cannot be written; nothing is left at {@code directory} then.
     * @throws IllegalArgumentException If {@code directory} holds anything but an earlier run.
     */
    public RunResult run(Path directory) throws IOException {
        return run(directory, OutputDirectory.Replace.EARLIER_OUTPUT);
    }

    /**
     * Runs the experiment and writes its run directory.
     * @param directory The run directory.
     * @param replace Whether an earlier run directory there may be replaced.
     * @return The result.
     * @throws IOException If the directory cannot be written; nothing is left at {@code directory} then.
     * @throws IllegalArgumentException If {@code directory} holds what may not be replaced, before any training.
     */
    public RunResult run(Path directory, OutputDirectory.Replace replace) throws IOException {
        try (OutputDirectory run = OutputDirectory.create(directory, RunLayout.RUN, replace)) {
            RunResult result;
            try (RunLog log = RunLog.open(run.resolve(RunLayout.LOG))) {
                result = execute(run);
            } finally {
                try (var locks = Files.list(run.work())) {
                    for (Path lock : locks.filter(p -> p.toString().endsWith(".lck")).toList()) {
                        Files.deleteIfExists(lock);
                    }
                }
            }
            run.commit();
            return new RunResult(result.name(), run.target(), result.model(), result.report(), result.gapByStep(),
                    result.trainingSeconds(), result.selection(), result.disagreement());
        }
    }

    private RunResult execute(OutputDirectory run) throws IOException {
        requireHash("data", data, dataSha256);
        requireHash("testData", testData, testDataSha256);
        String idKey = data instanceof RankingDataSource ranking ? ranking.promptIdKey() : RankingMetadata.DEFAULT_PROMPT_ID_KEY;
        String typeKey = data instanceof RankingDataSource ranking ? ranking.promptTypeKey() : RankingMetadata.DEFAULT_PROMPT_TYPE_KEY;
        MutableDataset<Regressor> all = new MutableDataset<>(data);
        Dataset<Regressor> train = all;
        Dataset<Regressor> test = all;
        if (testData != null) {
            test = new MutableDataset<>(testData);
        } else if (testFraction > 0.0) {
            GroupSplitter.Split<Regressor> split = GroupSplitter.trainTest(all, 1.0 - testFraction, splitSeed, idKey);
            train = split.train();
            test = split.test();
        } else {
            logger.warning("experiment '" + name + "': no test groups; evaluating on the training groups");
        }
        int trainSize = train.size();
        Trainer<Regressor> chosen = trainer;
        L2Selection.Result selection = null;
        long trainGroups = train.getData().stream().map(e -> e.getMetadataValue(idKey).orElse("")).distinct().count();
        if (!l2Candidates.isEmpty() && trainGroups < 2L * selectionFolds) {
            logger.warning("experiment '" + name + "': " + trainGroups + " training prompt groups are too few for "
                    + selectionFolds + "-fold cross-validation of the L2 penalty (it needs " + 2 * selectionFolds
                    + "); training with the trainer's own");
        } else if (!l2Candidates.isEmpty()) {
            selection = L2Selection.select(trainer, train, l2Candidates, selectionFolds, splitSeed, idKey, typeKey);
            logger.info(selection.table());
            chosen = L2Selection.withL2(trainer, selection.chosen());
        }
        Trainer<Regressor> training = chosen;
        logger.info(() -> "experiment '" + name + "': training " + training + " on " + trainSize + " responses");
        long start = System.nanoTime();
        Map<String, Provenance> runProvenance = Map.of(NAME_KEY, new StringProvenance(NAME_KEY, name));
        Model<Regressor> model = training.train(train, runProvenance);
        double seconds = (System.nanoTime() - start) / 1e9;
        EvaluationResult evaluation = Evaluations.ofModel(model, test,
                EvaluationSettings.ndcgAt(ndcgK).evaluator(idKey, typeKey), title(test != all));
        List<String> warnings = overlapWarnings();
        warnings.forEach(logger::warning);
        evaluation = new EvaluationResult(evaluation.report(), evaluation.provenance(), evaluation.gapByStep(),
                evaluation.title(), warnings, evaluation.disagreement());
        ModelFiles.write(model, run.resolve(RunLayout.MODEL));
        if (exportOnnx && model instanceof ONNXExportable exportable) {
            AtomicFiles.write(run.resolve(RunLayout.ONNX), exportable.exportONNXModel(RewardModel.ONNX_DOMAIN, 1)::writeTo);
        }
        String provenance = EvaluationWriter.provenanceJson(model.getProvenance()).toPrettyString();
        AtomicFiles.write(run.resolve(RunLayout.PROVENANCE), out -> out.write(provenance.getBytes(StandardCharsets.UTF_8)));
        writeConfiguration(run.resolve(RunLayout.CONFIG));
        evaluation.write(run.work(), selection == null ? Map.of() : Map.of("model_selection", selection.toJson()));
        if (test != all) {
            Set<String> heldOut = new LinkedHashSet<>();
            test.getData().forEach(e -> e.getMetadataValue(idKey).ifPresent(id -> heldOut.add(id.toString())));
            HeldOutPrompts.write(run.resolve(RunLayout.HELD_OUT), heldOut);
        }
        return new RunResult(name, run.work(), model, evaluation.report(), evaluation.gapByStep(), seconds,
                Optional.ofNullable(selection), evaluation.disagreement());
    }

    private String title(boolean heldOut) {
        return title(name, testData, heldOut);
    }

    /**
     * What a run's evaluation is of, for its plots: the test file or the held-out prompts, not the training file.
     * @param name The experiment's name (the training file's, on the command line).
     * @param testData The test data, or null.
     * @param heldOut Were prompts held out of the training data?
     * @return The title.
     */
    static String title(String name, ConfigurableDataSource<Regressor> testData, boolean heldOut) {
        if (testData instanceof RankingDataSource ranking && ranking.dataFile().isPresent()) {
            return name + ", tested on " + ranking.dataFile().get().getFileName();
        }
        return heldOut ? name + ", held-out prompts" : name + ", training prompts";
    }

    /** The warning that the test file shares prompts with the training data (train's, as evaluate's). */
    private List<String> overlapWarnings() {
        if (!(data instanceof RankingDataSource training) || !(testData instanceof RankingDataSource tested)) {
            return List.of();
        }
        TrainingOverlap.Overlap overlap = TrainingOverlap.between(training, tested);
        return overlap.shared() == 0 ? List.of() : List.of(overlap.shared() + " of the " + overlap.groups()
                + " prompts of " + tested.dataFile().map(Object::toString).orElse("the test data") + " are in the "
                + "training data, so the held-out metrics overstate the model; test on prompts it did not train on "
                + "(split makes such files)");
    }

    /**
     * Writes this experiment as an OLCUT XML configuration, with absolute data paths and the SHA-256 of each data
     * file, so that {@code train --config} re-runs it on the same files from any folder and refuses changed ones.
     * @param file The file.
     * @throws IOException If it cannot be written.
     */
    public void writeConfiguration(Path file) throws IOException {
        ConfigurationManager manager = ConfigurationFiles.forWriting(this, COMPONENT);
        ConfigurationData self = manager.getConfigurationData(COMPONENT).orElseThrow();
        sha256(data).ifPresent(hash -> self.add("dataSha256", new SimpleProperty(hash)));
        sha256(testData).ifPresent(hash -> self.add("testDataSha256", new SimpleProperty(hash)));
        AtomicFiles.write(file, out -> manager.save(out, "xml", true));
    }

    private static Optional<String> sha256(ConfigurableDataSource<Regressor> source) {
        return source instanceof RankingDataSource ranking ? ranking.dataSha256() : Optional.empty();
    }

    private static void requireHash(String field, ConfigurableDataSource<Regressor> source, String expected) {
        if (source == null || expected == null || expected.isEmpty()) {
            return;
        }
        Optional<String> actual = sha256(source);
        if (actual.isPresent() && !actual.get().equalsIgnoreCase(expected)) {
            throw new IllegalArgumentException("the " + field + " file " + ((RankingDataSource) source).dataFile()
                    .map(Object::toString).orElse("") + " is not the one this configuration was written for "
                    + "(recorded SHA-256 " + expected + ", now " + actual.get() + ")");
        }
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "Experiment");
    }

    @Override
    public String toString() {
        return "Experiment(name=" + name + ",data=" + data + ",trainer=" + trainer + ")";
    }
}
