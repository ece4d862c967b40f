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
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.InvalidProtocolBufferException;
import org.rewardcollapse.model.OnnxMetadata;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuo.interop.onnx.RegressorTransformer;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads an exported reward model as Tribuo's own {@link ONNXExternalModel}{@code <Regressor>}, with the feature
 * columns and output name from the file's metadata, {@link DenseTransformer} and {@link RegressorTransformer}.
 * <p>
 * Tribuo 4.3.2's {@code ONNXExternalModel.rebuild(SessionOptions)} closes the old session and never opens the new
 * one, and models read back from a {@code .tribuo} file always get single-threaded CPU options: to score an exported
 * model on CUDA through Tribuo, create it here with CUDA session options, or use {@link OnnxRewardScorer}.
 */
public final class TribuoOnnxModels {
    private TribuoOnnxModels() {}

    /**
     * Loads an exported reward model as an {@link ONNXExternalModel}.
     * @param file The {@code .onnx} file.
     * @param options The session options (CPU or CUDA); the model owns them afterwards.
     * @return The model.
     * @throws IllegalArgumentException If the file is missing, not an ONNX model, or not exported by this project.
     */
    public static ONNXExternalModel<Regressor> externalModel(Path file, OrtSession.SessionOptions options) {
        OnnxMetadata metadata;
        try {
            metadata = OnnxMetadata.fromProperties(OnnxMetadata.properties(OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file))));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + ": not a valid ONNX model, or truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<String> features = metadata.features();
        Map<String, Integer> featureMapping = new HashMap<>(features.size() * 2);
        for (int i = 0; i < features.size(); i++) {
            featureMapping.put(features.get(i), i);
        }
        Map<Regressor, Integer> outputMapping = Map.of(new Regressor(metadata.outputName(), Double.NaN), 0);
        OrtBuild.environment();
        try {
            return ONNXExternalModel.createOnnxModel(new RegressionFactory(), featureMapping, outputMapping,
                    new DenseTransformer(), new RegressorTransformer(), options, file, RewardModel.ONNX_INPUT);
        } catch (OrtException e) {
            throw new IllegalArgumentException(file + ": ONNX Runtime cannot load it (" + e.getMessage() + ")", e);
        }
    }
}
