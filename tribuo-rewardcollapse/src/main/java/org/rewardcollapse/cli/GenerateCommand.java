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

import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.LoadReport;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generate}: writes the paper's synthetic benchmark as a ranked JSONL file.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the paper's synthetic truncation benchmark (open-ended vs closed prompts, n = 8) as ranked JSONL.")
final class GenerateCommand implements Runnable {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The ranked JSONL file to write (atomically).")
    Path out;

    @Option(names = "--prompts", paramLabel = "N", defaultValue = "" + SyntheticRankingSource.PAPER_TRAIN_PROMPTS,
            description = "Number of prompts (default: ${DEFAULT-VALUE}, the paper's; 0 with --texts: every usable text).")
    int prompts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "12345", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--open-probability", paramLabel = "P", defaultValue = "0.5",
            description = "Probability that a prompt is open-ended (default: ${DEFAULT-VALUE}).")
    double openProbability;

    @Option(names = "--texts", paramLabel = "FILE",
            description = "JSONL of long texts {\"text\", \"prompt\" optional} to truncate (default: generated texts).")
    Path texts;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (prompts < 0 || prompts > SyntheticRankingSource.MAX_PROMPTS) {
            throw new IllegalArgumentException("--prompts must be in [0, " + SyntheticRankingSource.MAX_PROMPTS
                    + "] (0 with --texts: every usable text), found " + prompts);
        }
        OutputPaths.requireNotAnInput(out, texts);
        SyntheticRankingSource source = new SyntheticRankingSource(texts, prompts, openProbability, seed,
                ResponseFeaturizer.defaults());
        List<PromptGroup> groups = new ArrayList<>(source.groups());
        try {
            RankedJsonlWriter.write(groups, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + AtomicFiles.describe(e), e);
        }
        LoadReport report = source.report();
        long open = groups.stream().filter(g -> TruncationBenchmark.OPEN.equals(g.promptType())).count();
        spec.commandLine().getOut().printf("wrote %s: %d prompts (%d open-ended, %d closed), %d responses, %d ordered pairs%n",
                out, report.groups(), open, report.groups() - open, report.responses(), report.pairs());
    }
}
