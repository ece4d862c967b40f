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
package org.rewardcollapse.train;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableDataset;
import org.tribuo.Trainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.regression.Regressor;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains an {@link EnsembleRewardModel}: {@code size} reward models by one member trainer, each as its own invocation
 * of that trainer (so with its own seed), on all the prompt groups or, with {@code bootstrap}, on a resample of the
 * prompt groups drawn with replacement (a group drawn twice counts twice; the copies of a prompt stay together on one
 * side of the member's validation split). Every member keeps the dataset's feature map, so that the ensemble exports
 * to one graph.
 */
public final class EnsembleRewardTrainer implements Trainer<Regressor> {
    @Config(mandatory = true, description = "The trainer of every member.")
    private RankingRewardTrainer member;

    @Config(description = "The number of members, >= 2.")
    private int size = 5;

    @Config(description = "Train each member on a bootstrap resample of the prompt groups; false: on all of them, the "
            + "members differing by seed.")
    private boolean bootstrap = false;

    @Config(description = "Seed of the bootstrap resamples.")
    private long seed = Trainer.DEFAULT_SEED;

    private int invocationCount = 0;

    /** For OLCUT. */
    private EnsembleRewardTrainer() {}

    /**
     * Creates the trainer.
     * @param member The trainer of every member.
     * @param size The number of members, &gt;= 2.
     * @param bootstrap Resample the prompt groups for every member.
     * @param seed The seed of the resamples.
     */
    public EnsembleRewardTrainer(RankingRewardTrainer member, int size, boolean bootstrap, long seed) {
        this.member = member;
        this.size = size;
        this.bootstrap = bootstrap;
        this.seed = seed;
        postConfig();
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        if (member == null) {
            throw new IllegalArgumentException("member must be set");
        }
        if (size < 2) {
            throw new IllegalArgumentException("size must be >= 2, found " + size);
        }
    }

    /**
     * The trainer of every member.
     * @return The member trainer.
     */
    public RankingRewardTrainer member() {
        return member;
    }

    /**
     * This ensemble with another member trainer, the same size, resampling and seed.
     * @param newMember The member trainer.
     * @return A new ensemble trainer.
     */
    public EnsembleRewardTrainer withMember(RankingRewardTrainer newMember) {
        return new EnsembleRewardTrainer(newMember, size, bootstrap, seed);
    }

    @Override
    public EnsembleRewardModel train(Dataset<Regressor> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public EnsembleRewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public EnsembleRewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance,
                                     int invocation) {
        return train(examples, runProvenance, invocation, null);
    }

    /**
     * Trains the ensemble as {@link #train(Dataset, Map)} does (the same resamples, member invocations, model and
     * provenance), its members trained together by {@code training} (on a cluster, say) rather than one after another
     * here. Every member's data are made before any trains, so they are all held at once.
     * @param examples One example per response, prompt group (and type) in metadata.
     * @param runProvenance Run facts to record in the ensemble's and every member's provenance.
     * @param training Trains the members.
     * @return The ensemble.
     * @throws IllegalStateException If {@code training} returns another number of members than the ensemble's size.
     */
    public EnsembleRewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance,
                                     MemberTraining training) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT, Objects.requireNonNull(training, "training"));
    }

    /** Trains the members one after another here ({@code training} null), or all at once by {@code training}. */
    private EnsembleRewardModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance,
                                      int invocation, MemberTraining training) {
        TrainerProvenance provenance;
        int count;
        synchronized (this) {
            if (invocation != INCREMENT_INVOCATION_COUNT) {
                setInvocationCount(invocation);
            }
            count = invocationCount;
            provenance = getProvenance();
            invocationCount++;
        }
        SplittableRandom rng = new SplittableRandom(seed + count);
        List<RewardModel> members = new ArrayList<>(size);
        if (training == null) {
            for (int m = 0; m < size; m++) {
                Dataset<Regressor> data = bootstrap ? resample(examples, rng.split()) : examples;
                members.add(member.train(data, runProvenance, count * size + m));
            }
        } else {
            List<Dataset<Regressor>> data = new ArrayList<>(size);
            int[] invocations = new int[size];
            for (int m = 0; m < size; m++) {
                data.add(bootstrap ? resample(examples, rng.split()) : examples);
                invocations[m] = count * size + m;
            }
            members.addAll(training.train(member, List.copyOf(data), runProvenance, invocations));
            if (members.size() != size) {
                throw new IllegalStateException("the member training returned " + members.size() + " members for an "
                        + "ensemble of " + size);
            }
        }
        ModelProvenance modelProvenance = new ModelProvenance(EnsembleRewardModel.class.getName(),
                OffsetDateTime.now(), examples.getProvenance(), provenance, runProvenance);
        return new EnsembleRewardModel("ensemble-reward-model", modelProvenance, examples.getFeatureIDMap(),
                examples.getOutputIDInfo(), members);
    }

    /**
     * How an ensemble's members are trained when they train together: each is {@code member}'s training on its data
     * with its invocation count, as {@code member.train(data.get(m), runProvenance, invocations[m])} trains it here.
     */
    @FunctionalInterface
    public interface MemberTraining {
        /**
         * Trains every member.
         * @param member The trainer of every member.
         * @param data Each member's training data, in member order: with bootstrap its resample of the prompt groups
         *             (each draw's prompt id made unique, its source in {@link RankingMetadata#BOOTSTRAP_SOURCE_KEY}),
         *             otherwise the whole dataset.
         * @param runProvenance Run facts to record in every member's provenance.
         * @param invocations Each member's invocation count of {@code member}, in member order.
         * @return The members, in member order.
         */
        List<RewardModel> train(RankingRewardTrainer member, List<Dataset<Regressor>> data,
                                Map<String, Provenance> runProvenance, int[] invocations);
    }

    /** The prompt groups drawn with replacement, each draw's prompt id made unique, on the dataset's feature map. */
    private Dataset<Regressor> resample(Dataset<Regressor> examples, SplittableRandom rng) {
        Map<String, List<Example<Regressor>>> groups = new LinkedHashMap<>();
        int index = 0;
        for (Example<Regressor> example : examples) {
            int position = index++;
            String id = example.getMetadataValue(member.promptIdKey).map(Object::toString).orElseThrow(() ->
                    new IllegalArgumentException("example " + position + " has no '" + member.promptIdKey
                            + "' metadata (the prompt group id), which a bootstrap over prompt groups needs"));
            groups.computeIfAbsent(id, k -> new ArrayList<>()).add(example);
        }
        List<List<Example<Regressor>>> byGroup = new ArrayList<>(groups.values());
        List<Example<Regressor>> drawn = new ArrayList<>(examples.size());
        for (int d = 0; d < byGroup.size(); d++) {
            for (Example<Regressor> example : byGroup.get(rng.nextInt(byGroup.size()))) {
                drawn.add(relabelled(example, "#" + d));
            }
        }
        return new ImmutableDataset<>(drawn, examples.getProvenance(), examples.getOutputFactory(),
                examples.getFeatureIDMap(), examples.getOutputIDInfo(), false);
    }

    private Example<Regressor> relabelled(Example<Regressor> example, String suffix) {
        Map<String, Object> metadata = new HashMap<>(example.getMetadata());
        Object source = metadata.get(member.promptIdKey);
        metadata.put(member.promptIdKey, source + suffix);
        metadata.put(RankingMetadata.BOOTSTRAP_SOURCE_KEY, source.toString());
        ArrayExample<Regressor> copy = new ArrayExample<>(example.getOutput(), metadata);
        for (Feature feature : example) {
            copy.add(feature);
        }
        return copy;
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("invocationCount must be >= 0, found " + invocationCount);
        }
        this.invocationCount = invocationCount;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "EnsembleRewardTrainer(member=" + member + ",size=" + size + ",bootstrap=" + bootstrap + ",seed=" + seed
                + ")";
    }
}
