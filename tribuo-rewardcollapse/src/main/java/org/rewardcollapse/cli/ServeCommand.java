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

import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.serve.RewardServer;
import org.rewardcollapse.serve.ServeSettings;
import org.rewardcollapse.serve.TextRewardScorer;
import org.rewardcollapse.text.OnnxTextEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a reward model over HTTP: OpenRLHF's POST /get_reward, POST /v1/rewards "
                + "([{\"prompt\", \"response\"}]), GET /health and GET /metrics; concurrent requests are scored in "
                + "batches. Runs until stopped (Ctrl-C or SIGTERM), finishing the requests in flight.")
final class ServeCommand implements Runnable {
    /** The encoder's progress logger, quiet while serving (one line per batch otherwise); held against collection. */
    private static final Logger ENCODER_PROGRESS = Logger.getLogger(OnnxTextEncoder.PROGRESS_LOGGER);

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    EncoderOptions encoderOptions;

    @Option(names = "--ort-threads", defaultValue = "1", paramLabel = "N",
            description = "ONNX Runtime's intra-op threads on the CPU for --onnx (default: ${DEFAULT-VALUE}; 0: one per "
                    + "core). One batch is scored at a time; the HTTP threads need the other cores.")
    int ortThreads;

    @Option(names = "--host", defaultValue = ServeSettings.DEFAULT_HOST, paramLabel = "ADDRESS",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every "
                    + "interface, e.g. when the trainer runs on other nodes).")
    String host;

    @Option(names = "--port", defaultValue = "" + ServeSettings.DEFAULT_PORT, paramLabel = "PORT",
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-batch", defaultValue = "" + ServeSettings.DEFAULT_MAX_BATCH, paramLabel = "N",
            description = "The most responses per scoring call (default: ${DEFAULT-VALUE}); a larger request is scored "
                    + "alone.")
    int maxBatch;

    @Option(names = "--batch-wait-ms", defaultValue = "0", paramLabel = "MS",
            description = "How long a batch waits for more requests after its first arrived (default: ${DEFAULT-VALUE}: "
                    + "whatever queued while the scorer was busy).")
    int batchWaitMillis;

    @Option(names = "--max-body-bytes", defaultValue = "" + ServeSettings.DEFAULT_MAX_BODY_BYTES, paramLabel = "BYTES",
            description = "The largest request body (default: ${DEFAULT-VALUE}, 64 MiB); 413 beyond.")
    long maxBodyBytes;

    @Option(names = "--max-items", defaultValue = "" + ServeSettings.DEFAULT_MAX_ITEMS, paramLabel = "N",
            description = "The most responses in one request (default: ${DEFAULT-VALUE}); 413 beyond.")
    int maxItems;

    @Option(names = "--max-text-chars", defaultValue = "" + ServeSettings.DEFAULT_MAX_TEXT_CHARS, paramLabel = "N",
            description = "The longest prompt or response in characters (default: ${DEFAULT-VALUE}); 413 beyond.")
    int maxTextChars;

    @Option(names = "--max-queue-items", defaultValue = "" + ServeSettings.DEFAULT_MAX_QUEUE_ITEMS, paramLabel = "N",
            description = "The most responses waiting to be scored (default: ${DEFAULT-VALUE}); 503 with Retry-After "
                    + "beyond.")
    int maxQueueItems;

    @Option(names = "--max-queue-requests", defaultValue = "" + ServeSettings.DEFAULT_MAX_QUEUE_REQUESTS,
            paramLabel = "N", description = "The most requests waiting to be scored (default: ${DEFAULT-VALUE}); 503 "
            + "beyond.")
    int maxQueueRequests;

    @Option(names = "--strip-token", paramLabel = "TOKEN",
            description = "A special token to strip from the ends of OpenRLHF's queries, prompts and responses "
                    + "(repeatable; replaces the defaults: <|endoftext|> <|im_end|> <|eot_id|> <|end_of_text|> "
                    + "<|begin_of_text|> </s> <s> <pad> <|pad|> [PAD]; 'none' strips nothing).")
    List<String> stripTokens;

    @Option(names = "--scores", description = "Also send OpenRLHF the rewards as \"scores\" (its dynamic filtering "
            + "reads them).")
    boolean withScores;

    @Option(names = "--drain-seconds", defaultValue = "" + ServeSettings.DEFAULT_DRAIN_SECONDS, paramLabel = "S",
            description = "How long stopping waits for the requests in flight (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    RewardCollapseCli cli;

    @Override
    public void run() {
        ServeSettings settings = ServeSettings.builder().host(host).port(port).maxBatch(maxBatch)
                .batchWaitMillis(batchWaitMillis).maxBodyBytes(maxBodyBytes).maxItems(maxItems)
                .maxTextChars(maxTextChars).maxQueueItems(maxQueueItems).maxQueueRequests(maxQueueRequests)
                .stripTokens(stripTokens == null ? ServeSettings.DEFAULT_STRIP_TOKENS
                        : OptionNames.noneIsEmpty(stripTokens))
                .withScores(withScores).drainSeconds(drainSeconds).build();
        if (!cli.verbose) {
            ENCODER_PROGRESS.setLevel(Level.WARNING);
        }
        EncoderSetup encoderSetup = encoderOptions.setup(cli);
        PrintWriter out = spec.commandLine().getOut();
        try (TextRewardScorer scorer = open(encoderSetup);
             RewardServer server = RewardServer.start(scorer, settings)) {
            // Ctrl-C or SIGTERM: drain, then give this thread its last line before the JVM halts.
            CountDownLatch reported = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                try {
                    reported.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "serve-shutdown"));
            out.printf("serving model %s on %s (device %s); POST /get_reward, /v1/rewards%n", scorer.name(),
                    server.uri(), scorer.device());
            out.flush();
            server.join();
            out.printf(Locale.ROOT, "stopped: %,d responses scored%n", server.responsesScored());
            out.flush();
            reported.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TextRewardScorer open(EncoderSetup encoderSetup) {
        modelOptions.requireOnnxFor(spec.commandLine().getParseResult(), "--ort-threads");
        if (modelOptions.model() != null) {
            return TextRewardScorer.jvm(modelOptions.model(), encoderSetup);
        }
        if (ortThreads < 0) {
            throw new IllegalArgumentException("--ort-threads must be >= 0, found " + ortThreads);
        }
        return TextRewardScorer.onnx(modelOptions.onnx(), Device.parse(modelOptions.device), encoderSetup, ortThreads);
    }
}
