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
package org.rewardcollapse.data.features;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.rewardcollapse.io.ConfigurationFiles;
import org.rewardcollapse.io.KnownComponents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The featuriser a model was trained with, found in the model's provenance (or a dataset's, or a data source's) and
 * rebuilt from it, so that scoring featurises exactly as training did.
 * <p>
 * A model file is data from anywhere, so only the featuriser's known parts are rebuilt ({@link #PARTS}: the
 * featuriser, Tribuo's token pipelines and the tokenizers that read no file, the sentence encoder), with bounded
 * settings that name no file but the encoder's directory, whose files must have the recorded SHA-256. Anything else is
 * refused in one line before OLCUT makes any object.
 */
public final class RecordedFeaturizer {
    /** The sentence encoder's class, by name (it lives in a package above this one). */
    static final String ENCODER_CLASS = "org.rewardcollapse.text.OnnxTextEncoder";

    /** The parts a recorded featuriser may be rebuilt from. */
    public static final KnownComponents PARTS = new KnownComponents(List.of(
            ResponseFeaturizer.class.getName(),
            ENCODER_CLASS,
            "org.tribuo.data.text.impl.TokenPipeline",
            "org.tribuo.data.text.impl.BasicPipeline",
            "org.tribuo.data.text.impl.NgramProcessor",
            "org.tribuo.data.text.impl.FeatureHasher",
            "org.tribuo.data.text.impl.SumAggregator",
            "org.tribuo.data.text.impl.AverageAggregator",
            "org.tribuo.data.text.impl.UniqueAggregator",
            "org.tribuo.util.tokens.universal.UniversalTokenizer",
            "org.tribuo.util.tokens.impl.BreakIteratorTokenizer",
            "org.tribuo.util.tokens.impl.WhitespaceTokenizer",
            "org.tribuo.util.tokens.impl.SplitCharactersTokenizer",
            "org.tribuo.util.tokens.impl.ShapeTokenizer",
            "org.tribuo.util.tokens.impl.NonTokenizer"),
            List.of(ENCODER_CLASS + "#modelDirectory"));

    private RecordedFeaturizer() {}

    /**
     * Rebuilds the featuriser recorded in a provenance tree, its encoder set up for this machine (its files must be the
     * recorded ones: their SHA-256 is checked when they are read).
     * @param provenance The provenance to search.
     * @param setup Where the encoder's files are now, its device and its cache.
     * @return The featuriser; empty if none is recorded.
     * @throws IllegalArgumentException If the provenance records more than one distinct featuriser, or the setup moves
     *                                  an encoder the featuriser does not have.
     */
    public static Optional<ResponseFeaturizer> rebuild(Provenance provenance, EncoderSetup setup) {
        Optional<ConfiguredObjectProvenance> recorded = recordedIn(provenance);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        List<ConfigurationData> configuration = ConfigurationFiles.fromProvenance(recorded.get(),
                "the recorded featuriser");
        requireKnownParts(configuration);
        ConfigurationManager manager = new ConfigurationManager();
        manager.addConfiguration(configuration);
        ResponseFeaturizer featurizer;
        try {
            featurizer = (ResponseFeaturizer) manager.lookup(configuration.get(0).getName());
        } catch (com.oracle.labs.mlrg.olcut.config.PropertyException e) {
            // An encoder that cannot be rebuilt (not on the class path, a bad setting) says why in the cause.
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException runtime && cause != e ? runtime : e;
        }
        if (setup.directory() != null && featurizer.encoderOrNull() == null) {
            throw new IllegalArgumentException("an encoder directory was given, but this model was trained without a "
                    + "sentence encoder");
        }
        return Optional.of(featurizer.withEncoder(setup));
    }

    /**
     * Refuses a recorded featuriser with parts that are not known, or an encoder directory without the hash its files
     * are checked against, before anything is made.
     * @param configuration The recorded configuration.
     * @throws IllegalArgumentException In one line naming the part.
     */
    public static void requireKnownParts(List<ConfigurationData> configuration) {
        PARTS.check(configuration, "the recorded featuriser");
        requireEncoderHashes(configuration, "the recorded featuriser");
    }

    /**
     * Refuses a recorded encoder directory without the SHA-256 its files are checked against.
     * @param configuration The recorded configuration.
     * @param what What it describes, for the message.
     * @throws IllegalArgumentException In one line naming the component.
     */
    public static void requireEncoderHashes(List<ConfigurationData> configuration, String what) {
        for (ConfigurationData data : configuration) {
            if (data.getClassName().equals(ENCODER_CLASS) && data.contains("modelDirectory")) {
                Property sha = data.get("sha256").orElse(null);
                if (!(sha instanceof SimpleProperty simple) || !simple.getValue().matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException(what + ", component '" + data.getName()
                            + "': an encoder directory without the SHA-256 of its files; refusing it");
                }
            }
        }
    }

    /**
     * The featuriser's provenance recorded in a provenance tree.
     * @param provenance The provenance to search (a dataset's, a data source's or a model's).
     * @return The featuriser's provenance; empty if none is recorded.
     * @throws IllegalArgumentException If the provenance records more than one distinct featuriser.
     */
    public static Optional<ConfiguredObjectProvenance> recordedIn(Provenance provenance) {
        List<ConfiguredObjectProvenance> found = new ArrayList<>();
        collect(provenance, found);
        List<ConfiguredObjectProvenance> distinct = found.stream().distinct().toList();
        if (distinct.size() > 1) {
            throw new IllegalArgumentException("provenance records " + distinct.size()
                    + " different featurisers; cannot tell which one scores this model");
        }
        return distinct.stream().findFirst();
    }

    private static void collect(Provenance provenance, List<ConfiguredObjectProvenance> found) {
        if (provenance instanceof ConfiguredObjectProvenance configured
                && ResponseFeaturizer.class.getName().equals(
                        ConfigurationFiles.currentClassName(configured.getClassName()))) {
            found.add(configured);
            return;
        }
        if (provenance instanceof ObjectProvenance object) {
            for (Pair<String, Provenance> child : object) {
                collect(child.getB(), found);
            }
        } else if (provenance instanceof ListProvenance<?> list) {
            for (Provenance child : list) {
                collect(child, found);
            }
        } else if (provenance instanceof MapProvenance<?> map) {
            for (Pair<String, ? extends Provenance> child : map) {
                collect(child.getB(), found);
            }
        }
    }
}
