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
package org.rewardcollapse.onnx;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.model.OnnxMetadata;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model file is checked when it is opened: a graph whose output is not one float per row, or whose batch is
 * fixed, and metadata that is incomplete or asks for an unbounded featuriser, each give one clear error instead of
 * rewards read from the wrong place, a buffer error or minutes of featurising.
 */
class TestOnnxFileChecks {
    @TempDir
    static Path dir;

    private static OnnxMl.ModelProto exported;
    private static int features;

    @BeforeAll
    static void export() {
        MutableDataset<org.tribuo.regression.Regressor> data = new MutableDataset<>(new SyntheticRankingSource(12, 0.5,
                3L, ResponseFeaturizer.defaults()));
        RewardModel model = LinearRewardTrainer.builder().epochs(1).build().train(data);
        exported = model.exportONNXModel("org.rewardcollapse", 1);
        features = model.getFeatureIDMap().size();
    }

    /** The exported model with its graph replaced by a linear map to {@code width} outputs, then edited. */
    private static OnnxMl.ModelProto withGraph(int width, UnaryOperator<OnnxMl.GraphProto.Builder> edit) {
        ONNXContext onnx = new ONNXContext();
        ONNXPlaceholder input = onnx.floatInput("input", features);
        ONNXPlaceholder output = onnx.floatOutput("output", width);
        input.apply(ONNXOperators.GEMM, List.of(onnx.floatTensor("w", List.of(features, width), fb -> {
            for (int i = 0; i < features * width; i++) {
                fb.put(0.01f * (i % 7));
            }
        }), onnx.floatTensor("b", List.of(width), fb -> {
            for (int i = 0; i < width; i++) {
                fb.put(0.5f);
            }
        }))).assignTo(output);
        return exported.toBuilder().setGraph(edit.apply(onnx.buildGraph().toBuilder())).build();
    }

    private static String openError(String name, OnnxMl.ModelProto model) throws IOException {
        Path file = dir.resolve(name + ".onnx");
        Files.write(file, model.toByteArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxRewardScorer.open(file,
                Device.CPU).close());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    @Test
    void anOutputWithSeveralColumnsIsRefused() throws IOException {
        assertEquals("the graph's output 'output' has shape [-1, 3]; expected float [batch, 1] (one reward per row)",
                openError("wide", withGraph(3, g -> g)));
    }

    @Test
    void aDoubleOrScalarOutputIsRefused() throws IOException {
        OnnxMl.ModelProto doubles = withGraph(1, g -> {
            g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Cast").addInput("output").addOutput("output64")
                    .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("to").setI(11)
                            .setType(OnnxMl.AttributeProto.AttributeType.INT)));
            g.setOutput(0, g.getOutput(0).toBuilder().setName("output64")
                    .setType(g.getOutput(0).getType().toBuilder().setTensorType(g.getOutput(0).getType().getTensorType()
                            .toBuilder().setElemType(11))));
            renameOutput(g, "output64", "output");
            return g;
        });
        assertEquals("the graph's output 'output' is DOUBLE [-1, 1]; expected float [batch, 1]",
                openError("double", doubles));
        OnnxMl.ModelProto scalar = withGraph(1, g -> {
            g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("ReduceSum").addInput("output").addOutput("total")
                    .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("keepdims").setI(0)
                            .setType(OnnxMl.AttributeProto.AttributeType.INT)));
            g.setOutput(0, g.getOutput(0).toBuilder().setName("total").setType(g.getOutput(0).getType().toBuilder()
                    .setTensorType(g.getOutput(0).getType().getTensorType().toBuilder().clearShape()
                            .setShape(OnnxMl.TensorShapeProto.newBuilder()))));
            renameOutput(g, "total", "output");
            return g;
        });
        assertEquals("the graph's output 'output' has shape []; expected float [batch, 1] (one reward per row)",
                openError("scalar", scalar));
    }

    /** Renames a graph output (and its producing node's output) so that the graph keeps the expected name. */
    private static void renameOutput(OnnxMl.GraphProto.Builder g, String from, String to) {
        for (int n = 0; n < g.getNodeCount(); n++) {
            OnnxMl.NodeProto node = g.getNode(n);
            OnnxMl.NodeProto.Builder b = node.toBuilder();
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(to)) {
                    b.setInput(i, to + "_pre");
                }
            }
            for (int o = 0; o < node.getOutputCount(); o++) {
                if (node.getOutput(o).equals(to)) {
                    b.setOutput(o, to + "_pre");
                }
                if (node.getOutput(o).equals(from)) {
                    b.setOutput(o, to);
                }
            }
            g.setNode(n, b);
        }
        g.setOutput(0, g.getOutput(0).toBuilder().setName(to));
    }

    @Test
    void aFixedBatchDimensionIsRefused() throws IOException {
        OnnxMl.ModelProto fixed = withGraph(1, g -> {
            OnnxMl.ValueInfoProto in = g.getInput(0);
            OnnxMl.TensorShapeProto.Builder shape = in.getType().getTensorType().getShape().toBuilder();
            shape.setDim(0, OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(5));
            g.setInput(0, in.toBuilder().setType(in.getType().toBuilder().setTensorType(in.getType().getTensorType()
                    .toBuilder().setShape(shape))));
            return g;
        });
        assertEquals("the graph's input 'input' has a fixed batch dimension of 5; exported reward models take any "
                + "number of rows (float [batch, " + features + "])", openError("fixed", fixed));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mean|'rewardcollapse.head' needs a number 'mean', found null",
            "bounded|'rewardcollapse.head' needs a boolean 'bounded', found null"})
    void aHeadWithAMissingFieldIsAClearError(String field, String message) throws IOException {
        Map<String, String> properties = OnnxMetadata.properties(exported);
        String head = properties.get(OnnxMetadata.HEAD_KEY).replaceAll("\"" + field + "\":[^,}]*,?", "")
                .replace(",}", "}");
        assertEquals("malformed reward model metadata: " + message, openError("head-" + field,
                withMetadata(OnnxMetadata.HEAD_KEY, head)));
    }

    @Test
    void aFeaturiserWithAnUnboundedNgramIsRefusedBeforeItRuns() throws IOException {
        String featurizer = OnnxMetadata.properties(exported).get(OnnxMetadata.FEATURIZER_KEY);
        assertTrue(featurizer.contains("\"ngram\""), featurizer);
        String huge = featurizer.replaceAll("(\"ngram\"[^}]*?\"value\"\\s*:\\s*\")1\"", "$1100000\"");
        assertTrue(huge.contains("100000"), huge);
        Path file = dir.resolve("ngram.onnx");
        Files.write(file, withMetadata(OnnxMetadata.FEATURIZER_KEY, huge).toByteArray());
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(file, Device.CPU)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, scorer::featurizer);
            assertTrue(e.getMessage().contains("ngram must be in [1, 8], found 100000"), e.getMessage());
        }
    }

    private static OnnxMl.ModelProto withMetadata(String key, String value) {
        OnnxMl.ModelProto.Builder builder = exported.toBuilder().clearMetadataProps();
        for (OnnxMl.StringStringEntryProto entry : exported.getMetadataPropsList()) {
            builder.addMetadataProps(entry.getKey().equals(key) ? entry.toBuilder().setValue(value).build() : entry);
        }
        return builder.build();
    }
}
