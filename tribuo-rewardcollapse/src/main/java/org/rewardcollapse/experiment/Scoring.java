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

import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Scoring every response of a data file with a reward model (in the JVM) or an exported one (ONNX Runtime): what
 * {@code score} does. The data is featurised as the model was trained; each reward is placed by its example's prompt
 * id and its position within that prompt, as the scores file defines them.
 */
public final class Scoring {
    /**
     * The scores of a file.
     *
     * @param rows One row per response, in data order.
     * @param prompts The number of prompts scored.
     * @param how What scored them, in words (e.g. {@code ONNX Runtime on cpu}).
     */
    public record Scores(List<ScoresFile.Row> rows, int prompts, String how) {
        /**
         * Copies the rows.
         */
        public Scores {
            rows = List.copyOf(rows);
        }
    }

    private Scoring() {}

    /**
     * Scores a data file with a reward model in the JVM.
     * @param modelFile The {@code .tribuo} reward model.
     * @param data The data.
     * @return The scores.
     */
    public static Scores withModel(Path modelFile, DataSpec data) {
        return withModel(modelFile, data, EncoderSetup.RECORDED);
    }

    /**
     * Scores a data file with a reward model in the JVM, its sentence encoder (if any) set up for this machine.
     * @param modelFile The {@code .tribuo} reward model.
     * @param data The data.
     * @param encoder Where the model's encoder is now, its device and its cache.
     * @return The scores.
     */
    public static Scores withModel(Path modelFile, DataSpec data, EncoderSetup encoder) {
        Model<Regressor> model = ModelFiles.readScoringModel(modelFile);
        RankingDataSource source = ModelData.load(unlabelled(data), ResponseFeaturizer.fromProvenance(
                model.getProvenance(), encoder), featureNames(model), modelFile);
        List<Example<Regressor>> examples = examples(source);
        List<Prediction<Regressor>> predictions = InputErrors.naming(data.file(), () -> model.predict(examples));
        double[] rewards = predictions.stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
        double[] stds = model instanceof EnsembleRewardModel
                ? predictions.stream().mapToDouble(p -> Math.sqrt(p.getOutput().getVariances()[0])).toArray() : null;
        return scores(examples, rewards, stds, source, "JVM");
    }

    /**
     * Scores a data file with an exported model.
     * @param onnxFile The {@code .onnx} file.
     * @param data The data.
     * @param device The device.
     * @param batchSize Rows per ONNX Runtime call.
     * @return The scores.
     */
    public static Scores withOnnx(Path onnxFile, DataSpec data, Device device, int batchSize) {
        return withOnnx(onnxFile, data, device, batchSize, EncoderSetup.RECORDED);
    }

    /**
     * Scores a data file with an exported model; a model over text from a sentence encoder runs the encoder on the
     * same device as the reward head.
     * @param onnxFile The {@code .onnx} file.
     * @param data The data.
     * @param device The device.
     * @param batchSize Rows per ONNX Runtime call.
     * @param encoder Where the model's encoder is now and its cache (it runs on {@code device}).
     * @return The scores.
     */
    public static Scores withOnnx(Path onnxFile, DataSpec data, Device device, int batchSize, EncoderSetup encoder) {
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(onnxFile, device, batchSize, 0)) {
            RankingDataSource source = ModelData.load(unlabelled(data), scorer.metadata().rebuildFeaturizer(
                    encoder.onDevice(device.toString())), scorer.metadata().features(), onnxFile);
            List<Example<Regressor>> examples = examples(source);
            if (scorer.hasSpread()) {
                double[][] scored = InputErrors.naming(data.file(), () -> scorer.scoreWithSpread(examples));
                return scores(examples, scored[0], scored[1], source, "ONNX Runtime on " + scorer.device());
            }
            double[] rewards = InputErrors.naming(data.file(), () -> scorer.score(examples));
            return scores(examples, rewards, null, source, "ONNX Runtime on " + scorer.device());
        }
    }

    /**
     * A model's feature names.
     * @param model The model.
     * @return The names, in feature-id order.
     */
    static List<String> featureNames(Model<Regressor> model) {
        List<String> names = new ArrayList<>(model.getFeatureIDMap().size());
        model.getFeatureIDMap().forEach(info -> names.add(info.getName()));
        return names;
    }

    /** Scoring needs no labels: responses without one are read too. */
    private static DataSpec unlabelled(DataSpec data) {
        return data.withOptions(data.options().withOptionalLabels());
    }

    private static List<Example<Regressor>> examples(RankingDataSource source) {
        List<Example<Regressor>> examples = new ArrayList<>();
        source.forEach(examples::add);
        return examples;
    }

    /**
     * Each reward (and standard deviation, when given) with its prompt id and its position in the prompt, in the
     * order of the data file's lines (a rollouts file's prompts gather lines from anywhere in the file; their rows
     * still follow the file, line by line).
     */
    private static Scores scores(List<Example<Regressor>> examples, double[] rewards, double[] stds,
                                 RankingDataSource source, String how) {
        List<ScoresFile.Row> rows = new ArrayList<>(examples.size());
        List<Long> lines = new ArrayList<>(examples.size());
        int k = 0;
        for (PromptGroup group : source.groups()) {
            for (int r = 0; r < group.responses().size(); r++, k++) {
                rows.add(new ScoresFile.Row(group.id(), r, rewards[k], stds == null ? Double.NaN : stds[k]));
                long line = group.responses().get(r).line();
                lines.add(line > 0 ? line : group.line());
            }
        }
        if (k != examples.size()) {
            throw new IllegalStateException("the source's groups hold " + k + " responses, its examples " + examples.size());
        }
        Integer[] order = new Integer[rows.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(lines::get));
        List<ScoresFile.Row> inFileOrder = new ArrayList<>(rows.size());
        for (int i : order) {
            inFileOrder.add(rows.get(i));
        }
        return new Scores(inFileOrder, source.groups().size(), how);
    }
}
