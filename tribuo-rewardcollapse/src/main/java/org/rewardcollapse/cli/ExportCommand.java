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
package org.rewardcollapse.cli;

import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.OutputPaths;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.regression.Regressor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a reward model to ONNX, with its provenance, feature map and featuriser in the metadata.")
final class ExportCommand implements Runnable {
    @Option(names = "--model", required = true, paramLabel = "M.tribuo", description = "The model to export.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "M.onnx", description = "The ONNX file to write (atomically).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        OutputPaths.requireNotAnInput(out, model);
        Model<Regressor> read = ModelFiles.readScoringModel(model);
        RewardModel reward = read instanceof EnsembleRewardModel ensemble ? ensemble.members().get(0)
                : (RewardModel) read;
        var proto = ((ONNXExportable) read).exportONNXModel(RewardModel.ONNX_DOMAIN, 1);
        try {
            AtomicFiles.write(out, proto::writeTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + AtomicFiles.describe(e), e);
        }
        spec.commandLine().getOut().printf("wrote %s: %s, %d features, %s rewards%s%n", out,
                read instanceof EnsembleRewardModel ensemble ? "ensemble of " + ensemble.members().size() + " "
                        + reward.getClass().getSimpleName() + "s (outputs: mean and output_std)"
                        : reward.getClass().getSimpleName(), reward.getFeatureIDMap().size(),
                reward.head().bounded() ? "bounded" : "unbounded", reward.head().normalise() ? ", normalised" : "");
    }
}
