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
package org.rewardcollapse.policy;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.utility.Utility;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Learns prompt types with any Tribuo classifier from the prompts that carry a type label, predicts the type of
 * the others, and gives each prompt its type's utility. For data where only some prompts are labelled.
 * <p>
 * A prompt is one classification example: the mean of its responses' feature vectors (prompt features are
 * shared by all responses and survive the mean), optionally only the features whose names start with
 * {@code featurePrefix} (e.g. {@code prompt@} for the prompt text alone). Of the labelled prompts a seeded
 * {@code labelledFraction} trains the classifier; the rest are treated as unlabelled and their labels measure the
 * classifier's accuracy, reported in the description. Labelled prompts used for training keep their own type.
 */
public final class ClassifierTypePolicy implements UtilityPolicy {
    @Config(mandatory = true, description = "Utility spec per prompt type, e.g. {open: inverse, closed: linear}.")
    private Map<String, String> utilities;

    @Config(description = "Tribuo classifier trainer of prompt types.")
    private Trainer<Label> classifier = new LogisticRegressionTrainer();

    @Config(description = "Only features whose names start with this prefix describe a prompt (empty: all).")
    private String featurePrefix = "";

    @Config(description = "Fraction of the labelled prompts that trains the classifier, in (0, 1]; the rest are predicted.")
    private double labelledFraction = 1.0;

    @Config(description = "Seed of the choice of training prompts.")
    private long seed = Trainer.DEFAULT_SEED;

    private TypeUtilities parsed;

    /**
     * For OLCUT.
     */
    private ClassifierTypePolicy() {}

    /**
     * Creates the policy.
     * @param utilities Type to utility spec.
     * @param classifier The classifier trainer.
     * @param featurePrefix The feature-name prefix that describes a prompt, or empty for all features.
     * @param labelledFraction The fraction of labelled prompts that trains the classifier.
     * @param seed The seed.
     */
    public ClassifierTypePolicy(Map<String, String> utilities, Trainer<Label> classifier, String featurePrefix,
                                double labelledFraction, long seed) {
        this.utilities = Map.copyOf(utilities);
        this.classifier = classifier;
        this.featurePrefix = featurePrefix;
        this.labelledFraction = labelledFraction;
        this.seed = seed;
        postConfig();
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        parsed = new TypeUtilities("utilities", utilities);
        if (classifier == null) {
            throw new IllegalArgumentException("classifier must be set");
        }
        if (!(labelledFraction > 0.0 && labelledFraction <= 1.0)) {
            throw new IllegalArgumentException("labelledFraction must be in (0, 1], found " + labelledFraction);
        }
        if (featurePrefix == null) {
            featurePrefix = "";
        }
    }

    @Override
    public UtilityAssignment assign(RankingGroups groups, List<? extends Example<Regressor>> examples) {
        List<Integer> labelled = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            RankingGroup group = groups.groups().get(g);
            group.promptType().ifPresent(type -> parsed.of(type, group.promptId()));
            if (group.promptType().isPresent()) {
                labelled.add(g);
            }
        }
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException("the classifier policy needs some prompts with a type label to learn "
                    + "from; none of the " + groups.size() + " groups has one");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = labelled.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            labelled.set(i, labelled.set(j, labelled.get(i)));
        }
        int numTrain = Math.max(1, (int) Math.round(labelledFraction * labelled.size()));
        boolean[] trains = new boolean[groups.size()];
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> training = new MutableDataset<>(
                new SimpleDataSourceProvenance("prompt types of the labelled prompts", factory), factory);
        for (int g : labelled.subList(0, numTrain)) {
            trains[g] = true;
            RankingGroup group = groups.groups().get(g);
            training.add(promptExample(group, examples, new Label(group.promptType().get())));
        }
        Model<Label> model = classifier.train(training);
        List<Utility> perGroup = new ArrayList<>(groups.size());
        int heldOut = 0;
        int correct = 0;
        Map<String, Integer> predicted = new TreeMap<>();
        for (int g = 0; g < groups.size(); g++) {
            RankingGroup group = groups.groups().get(g);
            String type;
            if (trains[g]) {
                type = group.promptType().get();
            } else {
                type = model.predict(promptExample(group, examples, factory.getUnknownOutput())).getOutput().getLabel();
                predicted.merge(type, 1, Integer::sum);
                if (group.promptType().isPresent()) {
                    heldOut++;
                    correct += type.equals(group.promptType().get()) ? 1 : 0;
                }
            }
            perGroup.add(parsed.of(type, group.promptId()));
        }
        String description = String.format(Locale.ROOT, "prompt types from %s trained on %d labelled prompts; "
                        + "predicted %d prompts %s%s; utilities %s", classifier.getClass().getSimpleName(), numTrain,
                groups.size() - numTrain, predicted, heldOut == 0 ? "" : String.format(Locale.ROOT,
                        ", held-out accuracy %.4f on %d labelled prompts", correct / (double) heldOut, heldOut),
                parsed.spec());
        return UtilityAssignment.of(groups, perGroup, description);
    }

    private Example<Label> promptExample(RankingGroup group, List<? extends Example<Regressor>> examples, Label label) {
        Map<String, Double> mean = new TreeMap<>();
        for (int k = 0; k < group.size(); k++) {
            for (Feature f : examples.get(group.exampleIndex(k))) {
                if (f.getName().startsWith(featurePrefix)) {
                    mean.merge(f.getName(), f.getValue() / group.size(), Double::sum);
                }
            }
        }
        if (mean.isEmpty()) {
            throw new IllegalArgumentException("prompt '" + group.promptId() + "' has no feature starting with '"
                    + featurePrefix + "' (featurePrefix) to classify it by");
        }
        ArrayExample<Label> example = new ArrayExample<>(label);
        mean.forEach((name, value) -> example.add(new Feature(name, value)));
        return example;
    }

    @Override
    public String spec() {
        return Policies.AUTO_CLASSIFIER + "," + parsed.spec();
    }

    @Override
    public String toString() {
        return "ClassifierTypePolicy(utilities=" + parsed.spec() + ",classifier=" + classifier + ",featurePrefix="
                + featurePrefix + ",labelledFraction=" + labelledFraction + ",seed=" + seed + ")";
    }
}
