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

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.RewardModel;

import java.util.Arrays;
import java.util.Set;

/** The shape of the graphs this project exports, checked when a model is opened. */
final class ExportedGraph {
    private ExportedGraph() {}

    /**
     * Checks that the graph is what this project exports: one float input {@code [batch, features]} and one float
     * output {@code [batch, 1]} (an ensemble: a second, its standard deviation), all with a free batch dimension, so
     * that a foreign or edited graph can never be read with rewards taken from the wrong place.
     * @param session The opened graph.
     * @param features The number of features its metadata lists.
     * @throws OrtException If ONNX Runtime cannot describe the graph.
     * @throws IllegalArgumentException If the graph is not what this project exports, saying how.
     */
    static void check(OrtSession session, int features) throws OrtException {
        Set<String> outputs = session.getOutputNames();
        if (!session.getInputNames().equals(Set.of(RewardModel.ONNX_INPUT))
                || !(outputs.equals(Set.of(RewardModel.ONNX_OUTPUT))
                || outputs.equals(Set.of(RewardModel.ONNX_OUTPUT, EnsembleRewardModel.ONNX_STD_OUTPUT)))) {
            throw new IllegalArgumentException("expected one input '" + RewardModel.ONNX_INPUT + "' and the output '"
                    + RewardModel.ONNX_OUTPUT + "' (and '" + EnsembleRewardModel.ONNX_STD_OUTPUT + "' for an ensemble), "
                    + "found " + session.getInputNames() + " and " + outputs);
        }
        checkTensor("input '" + RewardModel.ONNX_INPUT + "'", session.getInputInfo().get(RewardModel.ONNX_INPUT).getInfo(),
                features);
        for (String output : outputs) {
            checkTensor("output '" + output + "'", session.getOutputInfo().get(output).getInfo(), 1);
        }
    }

    private static void checkTensor(String what, ValueInfo info, long width) {
        String expected = "float [batch, " + width + "]";
        if (!(info instanceof TensorInfo tensor)) {
            throw new IllegalArgumentException("the graph's " + what + " is not a tensor (" + info + "); expected "
                    + expected);
        }
        long[] shape = tensor.getShape();
        String found = tensor.type + " " + Arrays.toString(shape);
        if (tensor.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("the graph's " + what + " is " + found + "; expected " + expected);
        }
        if (shape.length != 2 || shape[1] != width) {
            throw new IllegalArgumentException("the graph's " + what + " has shape " + Arrays.toString(shape)
                    + "; expected " + expected + (width == 1 ? " (one reward per row)" : " (the features in the metadata)"));
        }
        if (shape[0] >= 0) {
            throw new IllegalArgumentException("the graph's " + what + " has a fixed batch dimension of " + shape[0]
                    + "; exported reward models take any number of rows (" + expected + ")");
        }
    }
}
