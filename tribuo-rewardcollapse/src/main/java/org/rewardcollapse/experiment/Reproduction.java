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

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.io.ProvenanceSerializationException;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.rewardcollapse.model.ModelFiles;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.dataset.DatasetView;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Re-trains a run from its provenance alone and compares the result with the run's model.
 * <p>
 * From {@code provenance.json}: the data source is rebuilt through OLCUT from its recorded configuration (the data
 * file's SHA-256 is checked against the recorded one), the training split from the view's recorded indices, and the
 * trainer from its recorded configuration at its recorded invocation count; the new model then predicts every
 * example of the data beside the run's {@code model.tribuo}.
 */
public final class Reproduction {
    /**
     * The outcome.
     *
     * @param identical True when every prediction is bit-identical.
     * @param maxDifference The largest absolute difference between the two models' predictions.
     * @param rows The number of examples compared.
     * @param notes What differs besides the predictions (data, configuration), or how the run was rebuilt.
     */
    public record Report(boolean identical, double maxDifference, int rows, List<String> notes) {
        /**
         * The report in words.
         * @return The text.
         */
        public String toText() {
            if (rows == 0) {
                StringBuilder sb = new StringBuilder("DIFFERENT: not re-trained: ").append(notes.get(0))
                        .append(System.lineSeparator());
                notes.subList(1, notes.size()).forEach(n -> sb.append("  ").append(n).append(System.lineSeparator()));
                return sb.toString();
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d predictions compared, max |difference| = %s%n",
                    identical ? "identical" : "DIFFERENT", rows, maxDifference == 0.0 ? "0" : String.format(Locale.ROOT, "%.3e", maxDifference)));
            notes.forEach(n -> sb.append("  ").append(n).append(System.lineSeparator()));
            return sb.toString();
        }

        private static Report refused(String reason) {
            return new Report(false, Double.NaN, 0, List.of(reason));
        }
    }

    private Reproduction() {}

    /**
     * Reproduces a run.
     * @param runDirectory The run directory (with {@code provenance.json} and {@code model.tribuo}).
     * @return The report.
     * @throws IllegalArgumentException If the directory lacks the files or the provenance cannot be rebuilt.
     */
    public static Report reproduce(Path runDirectory) {
        Path provenanceFile = runDirectory.resolve(RunLayout.PROVENANCE);
        if (!Files.isRegularFile(provenanceFile)) {
            throw new IllegalArgumentException(runDirectory + ": not a run directory (no " + RunLayout.PROVENANCE + ")");
        }
        ModelProvenance recorded = readProvenance(provenanceFile);
        Model<Regressor> stored = ModelFiles.readRegressionModel(runDirectory.resolve(RunLayout.MODEL));
        if (!stored.getProvenance().equals(recorded)) {
            return Report.refused(RunLayout.PROVENANCE + " is not the provenance of " + RunLayout.MODEL
                    + " (was it edited, or copied from another run?)");
        }
        List<String> notes = new ArrayList<>();
        RecordedTraining.Data data = RecordedTraining.of(recorded);
        int[] indices = data.indices();
        DataProvenance sourceProvenance = data.source();
        if (indices != null) {
            notes.add("training split: " + indices.length + " examples of the recorded view");
        }
        Optional<String> changed = RecordedTraining.dataFileProblem(sourceProvenance);
        if (changed.isPresent()) {
            return Report.refused(changed.get());
        }
        ConfigurableDataSource<Regressor> source = RecordedTraining.rebuild(sourceProvenance,
                ConfigurableDataSource.class);
        if (!source.getProvenance().equals(sourceProvenance)) {
            notes.add("the rebuilt data source records other provenance than the run's (for example a data path "
                    + "recorded relative to the folder the run was made in); its data file is the same");
        }
        MutableDataset<Regressor> all = new MutableDataset<>(source);
        Dataset<Regressor> train = indices == null ? all : new DatasetView<>(all, indices, "reproduced-split");
        TrainerProvenance trainerProvenance = recorded.getTrainerProvenance();
        Trainer<Regressor> trainer = RecordedTraining.rebuild(trainerProvenance, Trainer.class);
        int invocation = ((IntProvenance) trainerProvenance.getInstanceValues().get("train-invocation-count")).getValue();
        Map<String, Provenance> runProvenance = new HashMap<>();
        for (Pair<String, ? extends Provenance> pair : recorded.getInstanceProvenance()) {
            runProvenance.put(pair.getA(), pair.getB());
        }
        Model<Regressor> retrained = trainer.train(train, runProvenance, invocation);
        double[] a = predictions(stored, all);
        double[] b = predictions(retrained, all);
        double max = 0.0;
        boolean identical = true;
        for (int i = 0; i < a.length; i++) {
            identical &= Double.doubleToLongBits(a[i]) == Double.doubleToLongBits(b[i]);
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        notes.add(0, "re-trained " + trainerProvenance.getClassName() + " (invocation " + invocation + ") on "
                + train.size() + " examples rebuilt from " + sourceProvenance.getClassName());
        return new Report(identical, max, a.length, notes);
    }


    private static ModelProvenance readProvenance(Path file) {
        ObjectProvenance provenance;
        try {
            provenance = new JsonProvenanceSerialization(false).deserializeAndUnmarshal(file);
        } catch (IOException | ProvenanceSerializationException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": unreadable provenance (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        if (!(provenance instanceof ModelProvenance model)) {
            throw new IllegalArgumentException(file + ": holds " + (provenance == null ? "no provenance"
                    : "a " + provenance.getClassName()) + ", not a model's provenance");
        }
        return model;
    }



    private static double[] predictions(Model<Regressor> model, Dataset<Regressor> data) {
        return model.predict(data).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
    }
}
