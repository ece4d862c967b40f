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

import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.experiment.Scoring;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.OutputPaths;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every response of a data file with a Tribuo model or an exported ONNX model; writes one "
                + "JSON line per response, {\"prompt_id\", \"response_index\", \"reward\"}, in input order.")
final class ScoreCommand implements Runnable {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    EncoderOptions encoderOptions;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--batch-size", defaultValue = "" + OnnxRewardScorer.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Rows per ONNX Runtime call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The scores file (JSONL, written atomically); - (or /dev/stdout) writes to standard output, "
                    + "and every status line goes to standard error.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    RewardCollapseCli cli;

    @Override
    public void run() {
        boolean toStdout = StandardStreams.isStdout(out);
        if (!toStdout) {
            OutputPaths.requireNotAnInput(out, dataOptions.data, dataOptions.query, modelOptions.model(),
                    modelOptions.onnx());
        }
        modelOptions.requireOnnxFor(spec.commandLine().getParseResult(), "--batch-size");
        Scoring.Scores scores = modelOptions.model() != null
                ? Scoring.withModel(modelOptions.model(), dataOptions.spec(), encoderOptions.setup(cli))
                : Scoring.withOnnx(modelOptions.onnx(), dataOptions.spec(), Device.parse(modelOptions.device), batchSize,
                encoderOptions.setup(cli));
        try {
            if (toStdout) {
                ScoresFile.write(spec.commandLine().getOut(), scores.rows());
            } else {
                ScoresFile.write(out, scores.rows());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + AtomicFiles.describe(e), e);
        }
        (toStdout ? spec.commandLine().getErr() : spec.commandLine().getOut()).printf("wrote %s: %d responses of %d "
                + "prompts scored (%s)%n", toStdout ? "standard output" : out, scores.rows().size(), scores.prompts(),
                scores.how());
    }
}
