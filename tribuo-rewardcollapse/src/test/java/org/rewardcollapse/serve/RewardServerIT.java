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
package org.rewardcollapse.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.experiment.Scoring;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.rewardcollapse.text.OnnxTextEncoder;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rewardcollapse.serve.ServeFixtures.nativeBody;
import static org.rewardcollapse.serve.ServeFixtures.numbers;

/**
 * The slow checks of the reward server: many concurrent clients each get their own pairs' rewards back (those of
 * {@code score}, so batching mixes no requests up), and a model trained on sentence embeddings (all-MiniLM-L6-v2)
 * serves the rewards {@code score} gives, from the JVM and from ONNX Runtime.
 */
class RewardServerIT {
    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 40;

    @TempDir
    Path dir;

    /** Rewards by pair, as {@code score} writes them for the data file. */
    private static Map<TextPair, double[]> expected(List<TextPair> pairs, Scoring.Scores scores) {
        Map<TextPair, double[]> byPair = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            ScoresFile.Row row = scores.rows().get(i);
            byPair.put(pairs.get(i), new double[]{row.reward(), row.rewardStd()});
        }
        return byPair;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"model", "onnx"})
    void concurrentClientsEachGetTheRewardsOfTheirOwnPairs(String kind) throws Exception {
        ServeFixtures.Trained trained = ServeFixtures.train(dir, 40);
        boolean jvm = kind.equals("model");
        Path file = jvm ? trained.ensemble() : trained.ensembleOnnx();
        Map<TextPair, double[]> expected = expected(trained.pairs(), jvm
                ? Scoring.withModel(file, DataSpec.of(trained.data()))
                : Scoring.withOnnx(file, DataSpec.of(trained.data()), Device.CPU, OnnxRewardScorer.DEFAULT_BATCH_SIZE));
        List<TextPair> pairs = new ArrayList<>(expected.keySet());
        double tolerance = jvm ? 0 : 1e-6;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (TextRewardScorer scorer = jvm ? TextRewardScorer.jvm(file, EncoderSetup.RECORDED)
                : TextRewardScorer.onnx(file, Device.CPU, EncoderSetup.RECORDED, 1);
             RewardServer server = RewardServer.start(scorer, ServeSettings.builder().port(0).maxBatch(64).build())) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long seed = c;
                done.add(clients.submit(() -> {
                    Random random = new Random(seed);
                    for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                        List<TextPair> mine = new ArrayList<>();
                        for (int k = 1 + random.nextInt(12); k > 0; k--) {
                            mine.add(pairs.get(random.nextInt(pairs.size())));
                        }
                        boolean openRlhf = random.nextBoolean();
                        HttpResponse<String> answer = openRlhf ? ServeFixtures.post(server.uri(), "/get_reward",
                                openRlhfBody(mine)) : ServeFixtures.post(server.uri(), "/v1/rewards", nativeBody(mine));
                        assertEquals(200, answer.statusCode(), answer.body());
                        double[] rewards = numbers(answer.body(), "rewards");
                        double[] std = openRlhf ? numbers(answer.body(), "extra_logs", "reward_std")
                                : numbers(answer.body(), "reward_std");
                        assertEquals(mine.size(), rewards.length);
                        for (int i = 0; i < mine.size(); i++) {
                            assertEquals(expected.get(mine.get(i))[0], rewards[i], tolerance);
                            assertEquals(expected.get(mine.get(i))[1], std[i], tolerance);
                        }
                    }
                    return REQUESTS_PER_CLIENT;
                }));
            }
            int answered = 0;
            for (Future<Integer> client : done) {
                answered += client.get(120, TimeUnit.SECONDS);
            }
            assertEquals(CLIENTS * REQUESTS_PER_CLIENT, answered);
            String metrics = ServeFixtures.get(server.uri(), "/metrics").body();
            long batches = Long.parseLong(metrics.replaceAll("(?s).*\nreward_batch_size_count (\\d+)\n.*", "$1"));
            long requests = Long.parseLong(metrics.replaceAll("(?s).*\nreward_batch_requests_total (\\d+)\n.*", "$1"));
            assertEquals(answered, requests);
            assertTrue(batches < requests, "concurrent requests shared batches: " + batches + " batches for "
                    + requests + " requests");
        } finally {
            clients.shutdownNow();
        }
    }

    private static String openRlhfBody(List<TextPair> pairs) {
        var request = ServeFixtures.JSON.createObjectNode();
        var queries = request.putArray("query");
        var prompts = request.putArray("prompts");
        for (TextPair pair : pairs) {
            queries.add(pair.prompt() + pair.response() + "</s>");
            prompts.add(pair.prompt());
        }
        request.putArray("labels");
        return request.toString();
    }

    @Test
    void aModelOnSentenceEmbeddingsServesTheRewardsOfScoreFromTheJvmAndOnnxRuntime() throws IOException {
        Path data = dir.resolve("data.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(8, 0.5, 3L), data);
        RankedJsonlSource source = new RankedJsonlSource(data, ResponseFeaturizer.embeddings(OnnxTextEncoder.miniLm()));
        RewardModel model = LinearRewardTrainer.builder().epochs(2).build().train(new MutableDataset<Regressor>(source));
        Path tribuo = dir.resolve("minilm.tribuo");
        Path onnx = dir.resolve("minilm.onnx");
        ModelFiles.write(model, tribuo);
        model.saveONNXModel("org.rewardcollapse", 1, onnx);
        List<TextPair> pairs = ServeFixtures.pairs(source.groups());
        for (boolean jvm : new boolean[]{true, false}) {
            double[] served;
            try (TextRewardScorer scorer = jvm ? TextRewardScorer.jvm(tribuo, EncoderSetup.RECORDED)
                    : TextRewardScorer.onnx(onnx, Device.CPU, EncoderSetup.RECORDED, 1);
                 RewardServer server = RewardServer.start(scorer, ServeSettings.builder().port(0).build())) {
                assertTrue(ServeFixtures.get(server.uri(), "/health").body().contains("all-MiniLM-L6-v2"));
                // Half the pairs at a time from two clients at once: the encoder runs on whatever batch forms.
                CompletableFuture<HttpResponse<String>> first = ServeFixtures.CLIENT.sendAsync(post(server, pairs
                        .subList(0, 32)), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> second = ServeFixtures.send(post(server, pairs.subList(32, pairs.size())));
                served = concat(numbers(first.join().body(), "rewards"), numbers(second.body(), "rewards"));
            }
            Scoring.Scores scores = jvm ? Scoring.withModel(tribuo, DataSpec.of(data))
                    : Scoring.withOnnx(onnx, DataSpec.of(data), Device.CPU, OnnxRewardScorer.DEFAULT_BATCH_SIZE);
            assertEquals(64, served.length);
            assertArrayEquals(scores.rows().stream().mapToDouble(ScoresFile.Row::reward).toArray(), served,
                    jvm ? 0 : 1e-6, jvm ? "JVM" : "ONNX Runtime");
        }
    }

    private static HttpRequest post(RewardServer server, List<TextPair> pairs) {
        return HttpRequest.newBuilder(server.uri().resolve("/v1/rewards"))
                .POST(HttpRequest.BodyPublishers.ofString(nativeBody(pairs))).build();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
