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

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.rewardcollapse.data.RankingSourceProvenance;
import org.rewardcollapse.data.features.RecordedFeaturizer;
import org.rewardcollapse.data.source.LetorSource;
import org.rewardcollapse.data.source.OasstTreeSource;
import org.rewardcollapse.data.source.PairwiseJsonlSource;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.data.source.RolloutsSource;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.io.ConfigurationFiles;
import org.rewardcollapse.io.KnownComponents;
import org.rewardcollapse.policy.CardinalShapePolicy;
import org.rewardcollapse.policy.ClassifierTypePolicy;
import org.rewardcollapse.policy.FixedUtilityPolicy;
import org.rewardcollapse.policy.PromptTypePolicy;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.dataset.DatasetView;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model's provenance says it was trained on, and how to rebuild it: the data source (through OLCUT, from its
 * recorded configuration, after checking that its data file is the one it read) and the training split's indices.
 */
public final class RecordedTraining {
    /**
     * What a run's recorded data source and trainer may be rebuilt from: the project's data sources (whose data file,
     * and LETOR's group-size file, are checked against their recorded SHA-256 before anything is rebuilt), featuriser
     * parts, trainers, objectives, policies and optimisers, and the Tribuo optimisers and classifier trainers they
     * take; nothing else, and no other setting that names a file.
     */
    static final KnownComponents PARTS = RecordedFeaturizer.PARTS.and(new KnownComponents(List.of(
            RankedJsonlSource.class.getName(), OasstTreeSource.class.getName(), PairwiseJsonlSource.class.getName(),
            RolloutsSource.class.getName(), LetorSource.class.getName(), SyntheticRankingSource.class.getName(),
            LinearRewardTrainer.class.getName(), MlpRewardTrainer.class.getName(),
            EnsembleRewardTrainer.class.getName(), RankingObjective.class.getName(), Adam.class.getName(),
            FixedUtilityPolicy.class.getName(), PromptTypePolicy.class.getName(),
            CardinalShapePolicy.class.getName(), ClassifierTypePolicy.class.getName(),
            "org.tribuo.classification.sgd.linear.LogisticRegressionTrainer",
            "org.tribuo.classification.sgd.linear.LinearSGDTrainer",
            "org.tribuo.classification.sgd.objectives.LogMulticlass",
            "org.tribuo.classification.sgd.objectives.Hinge",
            "org.tribuo.math.optimisers.AdaGrad", "org.tribuo.math.optimisers.AdaDelta",
            "org.tribuo.math.optimisers.AdaGradRDA", "org.tribuo.math.optimisers.Adam",
            "org.tribuo.math.optimisers.RMSProp", "org.tribuo.math.optimisers.Pegasos",
            "org.tribuo.math.optimisers.ParameterAveraging", "org.tribuo.math.optimisers.SimpleSGD",
            "org.tribuo.math.optimisers.LinearDecaySGD", "org.tribuo.math.optimisers.SqrtDecaySGD"),
            List.of(RankingDataSource.class.getName() + "#dataPath", LetorSource.class.getName() + "#queryPath")));

    /**
     * The recorded training data.
     *
     * @param source The data source's provenance.
     * @param indices The training split's example indices into the source, or null when it trained on all of it.
     */
    record Data(DataProvenance source, int[] indices) {}

    private RecordedTraining() {}

    /**
     * Reads the training data of a model's provenance.
     * @param provenance The model's provenance.
     * @return The data.
     */
    static Data of(ModelProvenance provenance) {
        DatasetProvenance dataset = provenance.getDatasetProvenance();
        if (dataset instanceof DatasetView.DatasetViewProvenance view) {
            return new Data(((DatasetProvenance) view.getSourceProvenance()).getSourceProvenance(), indices(view));
        }
        return new Data(dataset.getSourceProvenance(), null);
    }

    /**
     * The prompt-type rules the model's training data applied ({@code typeRules} of the data source).
     * @param provenance The model's provenance.
     * @return The rules, empty when none were set.
     */
    public static List<String> typeRules(ModelProvenance provenance) {
        List<String> rules = new java.util.ArrayList<>();
        for (Pair<String, Provenance> pair : of(provenance).source()) {
            if (pair.getA().equals("typeRules") && pair.getB() instanceof ListProvenance<?> list) {
                list.forEach(item -> rules.add(item instanceof PrimitiveProvenance<?> p ? String.valueOf(p.getValue())
                        : item.toString()));
            }
        }
        return rules;
    }

    /**
     * Whether the recorded data file is missing or differs from the one the run read (by SHA-256), in words.
     */
    static Optional<String> dataFileProblem(DataProvenance source) {
        Map<String, Provenance> fields = new HashMap<>();
        source.forEach(pair -> fields.put(pair.getA(), pair.getB()));
        if (!(fields.get("dataPath") instanceof PrimitiveProvenance<?> pathProvenance)) {
            return Optional.empty(); // generated data: nothing to check
        }
        Path file = Path.of(pathProvenance.getValue().toString());
        Optional<String> problem = fileProblem("data file", file, fields.get(RankingSourceProvenance.RESOURCE_HASH));
        if (problem.isPresent()) {
            return problem;
        }
        Provenance companionHash = fields.get(RankingSourceProvenance.COMPANION_HASH);
        if (fields.get("queryPath") instanceof PrimitiveProvenance<?> query) {
            // An explicit group-size file is read only when its hash was recorded with it.
            return fileProblem("group-size file", Path.of(query.getValue().toString()), companionHash);
        }
        return companionHash == null ? Optional.empty()
                : fileProblem("group-size file", LetorSource.defaultQueryFile(file), companionHash);
    }

    /** Whether a recorded file is missing or differs from its recorded SHA-256, in words. */
    private static Optional<String> fileProblem(String what, Path file, Provenance hash) {
        String recorded = hash instanceof PrimitiveProvenance<?> p ? p.getValue().toString() : "";
        if (!recorded.matches("[0-9a-fA-F]{64}")) {
            return Optional.of(RunLayout.PROVENANCE + " records no SHA-256 of the " + what + " " + file
                    + ", so the file cannot be checked");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("the " + what + " " + file + " of the run is missing");
        }
        String now = ProvenanceUtil.hashResource(ProvenanceUtil.HashType.SHA256, file);
        return recorded.equalsIgnoreCase(now) ? Optional.empty() : Optional.of("the " + what + " " + file
                + " changed since the run (recorded " + recorded + ", now " + now + ")");
    }

    static <T> T rebuild(Provenance provenance, Class<?> type) {
        return rebuild(provenance, type, Map.of());
    }

    /**
     * Rebuilds a configured object from its provenance with some of its own settings replaced.
     * @param provenance The object's provenance.
     * @param type The type it must have.
     * @param overrides Setting name to value, applied to the object itself (not to its components).
     * @param <T> The type.
     * @return A new object.
     */
    @SuppressWarnings("unchecked") // the recorded configuration names the class, checked by isInstance
    static <T> T rebuild(Provenance provenance, Class<?> type, Map<String, String> overrides) {
        if (!(provenance instanceof ObjectProvenance object)) {
            throw new IllegalArgumentException("the recorded " + type.getSimpleName() + " is not configurable: " + provenance);
        }
        List<ConfigurationData> configuration = ConfigurationFiles.fromProvenance(object,
                "the recorded " + type.getSimpleName());
        if (configuration.isEmpty()) {
            throw new IllegalArgumentException("the recorded " + type.getSimpleName() + " (" + object.getClassName()
                    + ") carries no configuration to rebuild it from");
        }
        overrides.forEach((name, value) -> configuration.get(0).add(name, new SimpleProperty(value)));
        PARTS.check(configuration, "the recorded " + type.getSimpleName());
        RecordedFeaturizer.requireEncoderHashes(configuration, "the recorded " + type.getSimpleName());
        ConfigurationManager manager = new ConfigurationManager();
        manager.addConfiguration(configuration);
        Object built = manager.lookup(configuration.get(0).getName());
        if (!type.isInstance(built)) {
            throw new IllegalArgumentException("the recorded configuration builds a " + built.getClass().getName()
                    + ", not a " + type.getSimpleName());
        }
        return (T) built;
    }

    static int[] indices(DatasetView.DatasetViewProvenance view) {
        for (Pair<String, Provenance> pair : view) {
            if (pair.getA().equals("indices") && pair.getB() instanceof ListProvenance<?> list) {
                int[] indices = new int[list.getList().size()];
                for (int i = 0; i < indices.length; i++) {
                    indices[i] = ((IntProvenance) list.getList().get(i)).getValue();
                }
                return indices;
            }
        }
        throw new IllegalArgumentException("the training data is a view whose indices were not recorded");
    }
}
