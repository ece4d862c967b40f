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
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.model.protos.RewardHeadProto;
import org.rewardcollapse.model.protos.RewardModelProto;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A reward model trained from rankings: a {@link RewardNetwork} over the example's sparse features, whose logit a
 * {@link RewardHead} turns into the reward, predicted as a one-dimensional {@link Regressor}. Immutable.
 * <p>
 * Besides the weights the model carries what a user needs to judge it: the utility each prompt type was trained
 * with ({@link #utilityByType()}) and the {@link TrainingHistory}. Models serialize with Tribuo's protobuf format
 * ({@link #serialize()}, {@link Model#deserialize}); Java serialization is never needed.
 * <p>
 * Models export to ONNX ({@link #exportONNXModel}): one dense float input {@code input [batch, features]} in the
 * feature map's column order, one output {@code output [batch, 1]} holding the reward, with the layers (Gemm), the
 * activations, the sigmoid head and any normalisation inside the graph; the metadata carries Tribuo's provenance
 * and {@link OnnxMetadata}.
 */
public abstract class RewardModel extends Model<Regressor> implements ONNXExportable {
    private static final long serialVersionUID = 1L;

    /** Protobuf serialization version of the reward models. */
    public static final int CURRENT_VERSION = 0;

    /** The ONNX domain of exported reward models. */
    public static final String ONNX_DOMAIN = "org.rewardcollapse";

    /** The name of the exported graph's input, {@code [batch, features]} floats. */
    public static final String ONNX_INPUT = "input";

    /** The name of the exported graph's output, {@code [batch, 1]} floats. */
    public static final String ONNX_OUTPUT = "output";

    private final RewardNetwork network;
    private final RewardHead head;
    private final UtilityByType utilityByType;
    private final TrainingHistory history;
    private final String dimensionName;

    /**
     * Creates a model; trainers call this through the concrete classes.
     * @param parts The model's parts.
     * @throws IllegalArgumentException If the parts do not fit together.
     */
    protected RewardModel(Parts parts) {
        super(parts.name(), parts.provenance(), parts.featureIDMap(), parts.outputIDInfo(), false);
        if (outputIDInfo.size() != 1) {
            throw new IllegalArgumentException("a reward model predicts one dimension, the output domain has "
                    + outputIDInfo.size());
        }
        if (parts.network().numFeatures() != featureIDMap.size()) {
            throw new IllegalArgumentException("the network has " + parts.network().numFeatures()
                    + " inputs but the feature domain has " + featureIDMap.size() + " features");
        }
        this.network = parts.network();
        this.head = parts.head();
        this.utilityByType = parts.utilityByType();
        this.history = parts.history();
        this.dimensionName = outputIDInfo.getOutput(0).getNames()[0];
    }

    /**
     * The name a trainer gives a model of a class: {@code LinearRewardModel} becomes {@code linear-reward-model}.
     * @param modelClass The class.
     * @return The name.
     */
    public static String defaultName(Class<? extends RewardModel> modelClass) {
        return modelClass.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * This model's parts under a new name and provenance, for {@link #copy}.
     * @param name The name.
     * @param provenance The provenance.
     * @return The parts.
     */
    protected Parts parts(String name, ModelProvenance provenance) {
        return new Parts(name, provenance, featureIDMap, outputIDInfo, network, head, utilityByType, history);
    }

    @Override
    public Prediction<Regressor> predict(Example<Regressor> example) {
        SparseFeatures x = SparseFeatures.of(example, featureIDMap);
        if (x.size() == 0) {
            throw new IllegalArgumentException("an example" + example.getMetadataValue(RankingMetadata.DEFAULT_PROMPT_ID_KEY)
                    .map(id -> " of prompt '" + id + "'").orElse("") + " has none of the model's "
                    + featureIDMap.size() + " features (is the data from another feature space?)");
        }
        double reward = head.reward(network.logit(x));
        return new Prediction<>(new Regressor(dimensionName, reward), x.size(), example);
    }

    /**
     * The network's output for an example, before the head.
     * @param example The example.
     * @return The logit.
     */
    public double logit(Example<Regressor> example) {
        return network.logit(SparseFeatures.of(example, featureIDMap));
    }

    /**
     * The weights (read-only).
     * @return The network.
     */
    public RewardNetwork network() {
        return network;
    }

    /**
     * The map from logit to reward, with the training reward statistics.
     * @return The head.
     */
    public RewardHead head() {
        return head;
    }

    /**
     * The utility each prompt type trained with.
     * @return The utilities.
     */
    public UtilityByType utilityByType() {
        return utilityByType;
    }

    /**
     * What happened in training.
     * @return The history.
     */
    public TrainingHistory history() {
        return history;
    }

    /**
     * The name of the predicted regression dimension.
     * @return The name.
     */
    public String dimensionName() {
        return dimensionName;
    }

    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName(getClass().getSimpleName());
        ONNXPlaceholder input = onnx.floatInput(ONNX_INPUT, featureIDMap.size());
        ONNXPlaceholder output = onnx.floatOutput(ONNX_OUTPUT, 1);
        writeONNXGraph(input).assignTo(output);
        return ONNXExportable.buildModel(onnx, domain, modelVersion, this).toBuilder()
                .addAllMetadataProps(OnnxMetadata.of(this).toProperties()).build();
    }

    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        ONNXContext onnx = input.onnxContext();
        ONNXRef<?> x = input;
        for (int l = 0; l < network.numLayers(); l++) {
            double[][] w = network.layerWeights(l);
            int inputs = w.length - 1;
            int outputs = w[0].length;
            ONNXInitializer weights = onnx.floatTensor("reward_layer" + l + "_weights", List.of(inputs, outputs), fb -> {
                for (int i = 0; i < inputs; i++) {
                    for (int k = 0; k < outputs; k++) {
                        fb.put((float) w[i][k]);
                    }
                }
            });
            ONNXInitializer bias = onnx.floatTensor("reward_layer" + l + "_bias", List.of(outputs), fb -> {
                for (int k = 0; k < outputs; k++) {
                    fb.put((float) w[inputs][k]);
                }
            });
            x = x.apply(ONNXOperators.GEMM, List.of(weights, bias));
            if (l < network.numLayers() - 1) {
                x = x.apply(switch (network.activation()) {
                    case RELU -> OnnxActivation.RELU;
                    case TANH -> OnnxActivation.TANH;
                    case SIGMOID -> ONNXOperators.SIGMOID;
                });
            }
        }
        if (head.bounded()) {
            x = x.apply(ONNXOperators.SIGMOID);
        }
        if (head.normalise()) {
            x = x.apply(ONNXOperators.SUB, onnx.constant("reward_mean", (float) head.mean()))
                    .apply(ONNXOperators.DIV, onnx.constant("reward_std", (float) head.std()));
        }
        return (ONNXNode) x;
    }

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<Regressor> carrier = createDataCarrier();
        RewardModelProto payload = RewardModelProto.newBuilder()
                .setMetadata(Any.pack(carrier.serialize()))
                .setParameters(Any.pack(network.serialize()))
                .setHead(RewardHeadProto.newBuilder().setBounded(head.bounded()).setNormalise(head.normalise())
                        .setMean(head.mean()).setStd(head.std()))
                .putAllUtilityByType(utilityByType.toSpecs())
                .setHistory(history.toProto())
                .build();
        return ModelProto.newBuilder()
                .setVersion(CURRENT_VERSION)
                .setClassName(getClass().getName())
                .setSerializedData(Any.pack(payload))
                .build();
    }

    /**
     * The parts a reward model is made of.
     *
     * @param name The model name.
     * @param provenance The provenance.
     * @param featureIDMap The feature domain (the network's input columns).
     * @param outputIDInfo The output domain: one regression dimension.
     * @param network The weights.
     * @param head The map from logit to reward, with the training reward statistics.
     * @param utilityByType The utility each prompt type trained with.
     * @param history The training history.
     */
    public record Parts(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                        ImmutableOutputInfo<Regressor> outputIDInfo, RewardNetwork network, RewardHead head,
                        UtilityByType utilityByType, TrainingHistory history) {
        /**
         * The parts of a model just trained: the default name of its class, and a provenance of the data, the
         * trainer and the run made now.
         * @param modelClass The model's class.
         * @param data The training data (its feature and output domains, its provenance).
         * @param network The trained weights.
         * @param head The head with the training reward statistics.
         * @param utilityByType The utility each prompt type trained with.
         * @param history The training history.
         * @param trainerProvenance The trainer's provenance.
         * @param runProvenance Run facts to record.
         * @return The parts.
         */
        public static Parts trained(Class<? extends RewardModel> modelClass, Dataset<Regressor> data,
                                    RewardNetwork network, RewardHead head, UtilityByType utilityByType,
                                    TrainingHistory history, TrainerProvenance trainerProvenance,
                                    Map<String, Provenance> runProvenance) {
            ModelProvenance provenance = new ModelProvenance(modelClass.getName(), OffsetDateTime.now(),
                    data.getProvenance(), trainerProvenance, runProvenance);
            return new Parts(defaultName(modelClass), provenance, data.getFeatureIDMap(), data.getOutputIDInfo(),
                    network, head, utilityByType, history);
        }
    }

    /**
     * Unpacks and checks a serialized reward model.
     * @param version The serialized version.
     * @param message The payload.
     * @return The parts.
     * @throws InvalidProtocolBufferException If a payload has the wrong message type.
     * @throws IllegalStateException If the parts do not fit together.
     */
    protected static Parts unpack(int version, Any message) throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown version " + version + ", this class supports at most version "
                    + CURRENT_VERSION);
        }
        RewardModelProto proto = message.unpack(RewardModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(proto.getMetadata().unpack(ModelDataProto.class));
        if (carrier.outputDomain().size() != 1
                || !carrier.outputDomain().getOutput(0).getClass().equals(Regressor.class)) {
            throw new IllegalStateException("Invalid protobuf, a reward model needs a one-dimensional regression "
                    + "output domain, found " + carrier.outputDomain());
        }
        @SuppressWarnings("unchecked") // checked just above
        ImmutableOutputInfo<Regressor> outputDomain = (ImmutableOutputInfo<Regressor>) carrier.outputDomain();
        RewardNetwork network = RewardNetwork.deserialize(proto.getParameters().unpack(
                org.tribuo.math.protos.ParametersProto.class));
        if (network.numFeatures() != carrier.featureDomain().size()) {
            throw new IllegalStateException("Invalid protobuf, the network has " + network.numFeatures()
                    + " inputs but the feature domain has " + carrier.featureDomain().size());
        }
        RewardHeadProto h = proto.getHead();
        RewardHead head;
        try {
            head = new RewardHead(h.getBounded(), h.getNormalise(), h.getMean(), h.getStd());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, " + e.getMessage());
        }
        UtilityByType utilities;
        try {
            utilities = UtilityByType.fromSpecs(proto.getUtilityByTypeMap());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, " + e.getMessage());
        }
        return new Parts(carrier.name(), carrier.provenance(), carrier.featureDomain(), outputDomain, network, head,
                utilities, TrainingHistory.fromProto(proto.getHistory()));
    }
}
