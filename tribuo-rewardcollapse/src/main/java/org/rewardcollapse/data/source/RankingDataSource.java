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
package org.rewardcollapse.data.source;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.RankingSourceProvenance;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.OutputFactory;
import org.tribuo.provenance.ConfiguredDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import static org.rewardcollapse.data.RankingSourceProvenance.COMPANION_HASH;
import static org.rewardcollapse.data.RankingSourceProvenance.NUM_GROUPS;
import static org.rewardcollapse.data.RankingSourceProvenance.NUM_PAIRS;
import static org.rewardcollapse.data.RankingSourceProvenance.NUM_RESPONSES;
import static org.rewardcollapse.data.RankingSourceProvenance.RESOURCE_HASH;

/**
 * Base of the ranking data sources: a configurable Tribuo {@code DataSource<Regressor>} yielding one example
 * per (prompt, response), with the prompt id and type in metadata (see {@link RankingMetadata}).
 * <p>
 * A source reads and validates its whole input in {@link #postConfig()} (called by the public constructors
 * and by OLCUT), so bad input fails with one {@link DataFormatException} before any example is handed out:
 * nothing is ever half-loaded. Subclasses only parse their format ({@link #readGroups(List)}) and say how a
 * response becomes features ({@link #features(PromptGroup, ScoredResponse)}).
 */
public abstract class RankingDataSource implements ConfigurableDataSource<Regressor> {
    private static final Logger logger = Logger.getLogger(RankingDataSource.class.getName());

    @Config(description = "The data file to read.")
    protected Path dataPath;

    @Config(description = "Metadata key holding the prompt group id.")
    protected String promptIdKey = RankingMetadata.DEFAULT_PROMPT_ID_KEY;

    @Config(description = "Metadata key holding the prompt type.")
    protected String promptTypeKey = RankingMetadata.DEFAULT_PROMPT_TYPE_KEY;

    @Config(description = "Prompt types from rules where the data has none: TYPE=REGEX entries in priority order; a "
            + "prompt gets the first type whose expression is found in its text.")
    protected List<String> typeRules = new ArrayList<>();

    @Config(description = "Every response must carry a label (rank, score or preference), as training and evaluation "
            + "need; false: responses without one are read with Tribuo's unknown output, to be scored.")
    protected boolean labelsRequired = true;

    private Path givenPath;
    private List<Example<Regressor>> examples = List.of();
    private List<PromptGroup> groups = List.of();
    private LoadReport report;
    private RankingSourceProvenance provenance;

    /**
     * For OLCUT and subclasses.
     */
    protected RankingDataSource() {}

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        if (dataPath != null) {
            // Messages name the file as the user gave it; the provenance records it absolute, so that a run's
            // provenance names the same file from any working directory.
            givenPath = dataPath;
            dataPath = dataPath.toAbsolutePath().normalize();
        }
        RankingMetadata.requireKeys(promptIdKey, promptTypeKey);
        List<String> skipped = new ArrayList<>();
        PromptTypeRules rules = PromptTypeRules.parse(typeRules == null ? List.of() : typeRules);
        List<PromptGroup> read = List.copyOf(readGroups(skipped));
        HeapBudget.requireRoomFor(read.stream().mapToLong(g -> g.responses().size()).sum(), describe());
        for (PromptGroup group : read) {
            try {
                RankingGroup.requirePairLimit(group.id(), group.responses().size(), group.pairCount());
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(givenPath, group.line(), null, e.getMessage());
            }
        }
        if (!rules.isEmpty()) {
            Map<String, Integer> counts = new HashMap<>();
            read = List.copyOf(rules.apply(read, counts, givenPath));
            logger.info(() -> describe() + ": prompt types from typeRules " + PromptTypeRules.describe(counts));
        }
        ResponseFeaturizer.Featurised featurised = featuresOf(read);
        List<Example<Regressor>> built = new ArrayList<>();
        for (int g = 0; g < read.size(); g++) {
            PromptGroup group = read.get(g);
            for (int r = 0; r < group.responses().size(); r++) {
                ScoredResponse response = group.responses().get(r);
                built.add(RankingMetadata.example(group.id(), group.promptType(), response.score(),
                        featurised.features().get(g).get(r), promptIdKey, promptTypeKey, response.text()));
            }
        }
        this.groups = read;
        this.examples = Collections.unmodifiableList(built);
        this.report = LoadReport.of(describe(), read, skipped, featurised.note());
        Map<String, PrimitiveProvenance<?>> instance = new HashMap<>();
        dataFile().ifPresent(file -> instance.put(RESOURCE_HASH, new HashProvenance(
                ProvenanceUtil.HashType.SHA256, RESOURCE_HASH,
                ProvenanceUtil.hashResource(ProvenanceUtil.HashType.SHA256, file))));
        companionFile().ifPresent(file -> instance.put(COMPANION_HASH, new HashProvenance(
                ProvenanceUtil.HashType.SHA256, COMPANION_HASH,
                ProvenanceUtil.hashResource(ProvenanceUtil.HashType.SHA256, file))));
        instance.put(NUM_GROUPS, new IntProvenance(NUM_GROUPS, report.groups()));
        instance.put(NUM_RESPONSES, new IntProvenance(NUM_RESPONSES, report.responses()));
        instance.put(NUM_PAIRS, new LongProvenance(NUM_PAIRS, report.pairs()));
        this.provenance = new RankingSourceProvenance(this, instance);
        logger.info(report::toString);
    }

    /**
     * Must every response carry a label?
     * @return False when unlabelled responses (to be scored) are read too.
     */
    public boolean labelsRequired() {
        return labelsRequired;
    }

    /**
     * Parses the whole input.
     * @param skipped Notes on input read but not loaded, to append to.
     * @return The groups, in input order.
     * @throws DataFormatException On bad input.
     */
    protected abstract List<PromptGroup> readGroups(List<String> skipped);

    /**
     * The features of every response, group by group; by default each response through
     * {@link #features(PromptGroup, ScoredResponse)}. Text sources override it to encode each distinct text once.
     * @param groups The groups.
     * @return The features and a note on how they were made.
     */
    protected ResponseFeaturizer.Featurised featuresOf(List<PromptGroup> groups) {
        List<List<List<Feature>>> all = new ArrayList<>(groups.size());
        for (PromptGroup group : groups) {
            all.add(group.responses().stream().map(response -> features(group, response)).toList());
        }
        return new ResponseFeaturizer.Featurised(all, "");
    }

    /**
     * The features of one response.
     * @param group The response's group.
     * @param response The response.
     * @return Its features.
     */
    protected abstract List<Feature> features(PromptGroup group, ScoredResponse response);

    /**
     * The format name used in configurations and on the command line.
     * @return The name.
     */
    public abstract String formatName();

    /**
     * The data file this source reads (as it was given; the provenance records it absolute), hashed into its
     * provenance.
     * @return The file, or empty when the data is generated.
     */
    public Optional<Path> dataFile() {
        return Optional.ofNullable(givenPath);
    }

    /**
     * A file read beside the data file (LETOR's group sizes), hashed into the provenance too.
     * @return The file, or empty when none was read.
     */
    protected Optional<Path> companionFile() {
        return Optional.empty();
    }

    /**
     * The SHA-256 of the data file as it was read, recorded in this source's provenance.
     * @return The hash in hex, or empty when the data is generated.
     */
    public Optional<String> dataSha256() {
        return Optional.ofNullable(provenance).map(p -> p.getInstanceValues().get(RESOURCE_HASH))
                .map(h -> ((HashProvenance) h).getValue());
    }

    /**
     * The data file, which this source requires.
     * @return The file.
     * @throws DataFormatException If no file is configured or it cannot be read.
     */
    protected Path requireDataFile() {
        if (dataPath == null) {
            throw new IllegalArgumentException(formatName() + " source: dataPath must be set");
        }
        DataFiles.requireReadableFile(givenPath);
        return givenPath;
    }

    private String describe() {
        return formatName() + dataFile().map(file -> " " + file).orElse("");
    }

    /**
     * The groups as read, before featurisation.
     * @return The groups, in input order.
     */
    public List<PromptGroup> groups() {
        return groups;
    }

    /**
     * What was read and skipped.
     * @return The report.
     */
    public LoadReport report() {
        return report;
    }

    /**
     * The metadata key of the prompt id.
     * @return The key.
     */
    public String promptIdKey() {
        return promptIdKey;
    }

    /**
     * The metadata key of the prompt type.
     * @return The key.
     */
    public String promptTypeKey() {
        return promptTypeKey;
    }

    @Override
    public Iterator<Example<Regressor>> iterator() {
        return examples.iterator();
    }

    @Override
    public OutputFactory<Regressor> getOutputFactory() {
        return new RegressionFactory();
    }

    @Override
    public ConfiguredDataSourceProvenance getProvenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + describe() + ",promptIdKey=" + promptIdKey
                + ",promptTypeKey=" + promptTypeKey + ")";
    }
}
