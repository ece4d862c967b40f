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
package org.rewardcollapse.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.WeightedEnsembleModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ensemble of reward models trained on the same features (by seed, or on bootstrap resamples of the prompt groups):
 * its prediction is the members' mean reward, with the members' disagreement, their sample variance, as the
 * {@link Regressor}'s variance. It exports to one ONNX graph with two outputs, {@value RewardModel#ONNX_OUTPUT} (the
 * mean) and {@value #ONNX_STD_OUTPUT} (the standard deviation), both {@code [batch, 1]}. It serializes with Tribuo's
 * protobuf format, the members as their own model protos (only this project's reward models are read back).
 */
public final class EnsembleRewardModel extends Model<Regressor> implements ONNXExportable {
    private static final long serialVersionUID = 1L;

    /** Protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;
    /** The name of the ONNX output holding the members' standard deviation. */
    public static final String ONNX_STD_OUTPUT = "output_std";

    private static final Set<String> MEMBER_CLASSES = Set.of(LinearRewardModel.class.getName(),
            MlpRewardModel.class.getName());

    private final List<RewardModel> members;

    /**
     * Creates an ensemble.
     * @param name The model name.
     * @param provenance The provenance.
     * @param featureIDMap The features, which every member must share.
     * @param outputIDInfo The output domain.
     * @param members The members, at least 2.
     * @throws IllegalArgumentException If there are fewer than 2 members or one has other features.
     */
    public EnsembleRewardModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                               ImmutableOutputInfo<Regressor> outputIDInfo, List<RewardModel> members) {
        super(name, provenance, featureIDMap, outputIDInfo, false);
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 members, found " + members.size());
        }
        for (int m = 0; m < members.size(); m++) {
            ImmutableFeatureMap theirs = members.get(m).getFeatureIDMap();
            if (theirs.size() != featureIDMap.size()) {
                throw new IllegalArgumentException("member " + m + " has " + theirs.size() + " features, the ensemble "
                        + featureIDMap.size());
            }
            for (int i = 0; i < theirs.size(); i++) {
                if (!theirs.get(i).getName().equals(featureIDMap.get(i).getName())) {
                    throw new IllegalArgumentException("member " + m + " has feature '" + theirs.get(i).getName()
                            + "' in column " + i + " where the ensemble has '" + featureIDMap.get(i).getName() + "'");
                }
            }
        }
        this.members = List.copyOf(members);
    }

    /**
     * The members.
     * @return The members (unmodifiable).
     */
    public List<RewardModel> members() {
        return members;
    }

    /**
     * Each member's reward for an example.
     * @param example The example.
     * @return The rewards, by member.
     */
    public double[] memberRewards(Example<Regressor> example) {
        double[] rewards = new double[members.size()];
        for (int m = 0; m < rewards.length; m++) {
            rewards[m] = members.get(m).predict(example).getOutput().getValues()[0];
        }
        return rewards;
    }

    @Override
    public Prediction<Regressor> predict(Example<Regressor> example) {
        double[] rewards = new double[members.size()];
        int used = 0;
        for (int m = 0; m < rewards.length; m++) {
            Prediction<Regressor> p = members.get(m).predict(example);
            rewards[m] = p.getOutput().getValues()[0];
            used = p.getNumActiveFeatures();
        }
        double mean = Arrays.stream(rewards).average().orElseThrow();
        double squares = Arrays.stream(rewards).map(r -> (r - mean) * (r - mean)).sum();
        return new Prediction<>(new Regressor(members.get(0).dimensionName(), mean, squares / (rewards.length - 1)),
                used, example);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Regressor>> getExcuse(Example<Regressor> example) {
        return Optional.empty();
    }

    @Override
    protected EnsembleRewardModel copy(String newName, ModelProvenance newProvenance) {
        return new EnsembleRewardModel(newName, newProvenance, featureIDMap, outputIDInfo, members);
    }

    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName(getClass().getSimpleName());
        ONNXPlaceholder input = onnx.floatInput(RewardModel.ONNX_INPUT, featureIDMap.size());
        ONNXPlaceholder mean = onnx.floatOutput(RewardModel.ONNX_OUTPUT, 1);
        ONNXPlaceholder std = onnx.floatOutput(ONNX_STD_OUTPUT, 1);
        List<ONNXNode> spread = writeONNXGraphs(input);
        spread.get(0).assignTo(mean);
        spread.get(1).assignTo(std);
        OnnxMetadata first = OnnxMetadata.of(members.get(0));
        OnnxMetadata metadata = new OnnxMetadata(first.features(), first.featurizer(), first.head(),
                first.utilityByType(), getClass().getName(), first.outputName(), first.encoder());
        return ONNXExportable.buildModel(onnx, domain, modelVersion, this).toBuilder()
                .addAllMetadataProps(metadata.toProperties()).build();
    }

    /**
     * Writes the ensemble's graph: every member's rewards side by side, their mean and their sample standard
     * deviation.
     * @param input The features, {@code [batch, features]}.
     * @return The mean and the standard deviation nodes, each {@code [batch, 1]}.
     */
    public List<ONNXNode> writeONNXGraphs(ONNXRef<?> input) {
        ONNXContext onnx = input.onnxContext();
        List<ONNXRef<?>> rewards = new ArrayList<>();
        for (RewardModel member : members) {
            rewards.add(member.writeONNXGraph(input));
        }
        ONNXNode stacked = rewards.get(0).apply(ONNXOperators.CONCAT, rewards.subList(1, rewards.size()),
                List.of("ensemble_member_rewards"), Map.of("axis", 1)).get(0);
        Map<String, Object> acrossMembers = Map.of("axes", new int[]{1}, "keepdims", 1);
        ONNXNode mean = stacked.apply(ONNXOperators.REDUCE_MEAN, acrossMembers);
        ONNXNode centred = stacked.apply(ONNXOperators.SUB, mean);
        int k = members.size();
        ONNXNode variance = centred.apply(ONNXOperators.MUL, centred).apply(ONNXOperators.REDUCE_MEAN, acrossMembers)
                .apply(ONNXOperators.MUL, onnx.constant("ensemble_bessel", (float) k / (k - 1)));
        ONNXNode std = variance.apply(ONNXOperators.POW, onnx.constant("ensemble_half", 0.5f));
        return List.of(mean, std);
    }

    /**
     * Not supported: an ensemble has two outputs, written by {@link #exportONNXModel} or {@link #writeONNXGraphs}.
     * @param input The input.
     * @return Never.
     * @throws UnsupportedOperationException Always.
     */
    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        throw new UnsupportedOperationException("an ensemble has two outputs (mean and standard deviation): use "
                + "writeONNXGraphs or exportONNXModel");
    }

    @Override
    public ModelProto serialize() {
        WeightedEnsembleModelProto.Builder payload = WeightedEnsembleModelProto.newBuilder()
                .setMetadata(createDataCarrier().serialize());
        for (RewardModel member : members) {
            payload.addModels(member.serialize());
            payload.addWeights(1.0f);
        }
        return ModelProto.newBuilder().setVersion(CURRENT_VERSION).setClassName(getClass().getName())
                .setSerializedData(Any.pack(payload.build())).build();
    }

    /**
     * Deserialization factory (Tribuo's protobuf format); only this project's reward models are read as members.
     * @param version The serialized version.
     * @param className The class name.
     * @param message The payload.
     * @return The ensemble.
     * @throws InvalidProtocolBufferException If the payload is not an ensemble's.
     */
    public static EnsembleRewardModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown version " + version + ", this class supports at most version "
                    + CURRENT_VERSION);
        }
        WeightedEnsembleModelProto proto = message.unpack(WeightedEnsembleModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(proto.getMetadata());
        List<RewardModel> members = new ArrayList<>();
        for (ModelProto member : proto.getModelsList()) {
            if (!MEMBER_CLASSES.contains(member.getClassName())) {
                throw new IllegalStateException("Invalid protobuf, an ensemble member is a " + member.getClassName()
                        + ", not a reward model of this project");
            }
            members.add((RewardModel) Model.deserialize(member));
        }
        if (carrier.outputDomain().size() != 1
                || !carrier.outputDomain().getOutput(0).getClass().equals(Regressor.class)) {
            throw new IllegalStateException("Invalid protobuf, an ensemble needs a one-dimensional regression output");
        }
        @SuppressWarnings("unchecked") // checked just above
        ImmutableOutputInfo<Regressor> outputs = (ImmutableOutputInfo<Regressor>) carrier.outputDomain();
        try {
            return new EnsembleRewardModel(carrier.name(), carrier.provenance(), carrier.featureDomain(), outputs,
                    members);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, " + e.getMessage());
        }
    }
}
