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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server tests share: a small generated ranked file with a hashed-words linear model and an ensemble trained
 * on it (as {@code .tribuo} and {@code .onnx}), its (prompt, response) pairs in data order, and HTTP calls through the
 * JDK's client.
 */
final class ServeFixtures {
    /** JSON. */
    static final ObjectMapper JSON = new ObjectMapper();
    /** An HTTP/1.1 client (the server speaks HTTP/1.1). */
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ServeFixtures() {}

    /**
     * A data file and models trained on it.
     *
     * @param data The ranked JSONL file.
     * @param pairs Its pairs, in data order (the order {@code score} writes).
     * @param linear The linear model.
     * @param linearOnnx It exported.
     * @param ensemble An ensemble of 3 linear models.
     * @param ensembleOnnx It exported.
     */
    record Trained(Path data, List<TextPair> pairs, Path linear, Path linearOnnx, Path ensemble, Path ensembleOnnx) {}

    /**
     * Generates the data and trains the models.
     * @param dir Where to write them.
     * @param prompts How many prompts (8 responses each).
     * @return The files.
     */
    static Trained train(Path dir, int prompts) {
        try {
            Path data = dir.resolve("data.jsonl");
            RankedJsonlWriter.write(TruncationBenchmark.generate(prompts, 0.5, 11L), data);
            RankedJsonlSource source = new RankedJsonlSource(data, ResponseFeaturizer.defaults());
            MutableDataset<Regressor> dataset = new MutableDataset<>(source);
            RewardModel linear = LinearRewardTrainer.builder().epochs(2).build().train(dataset);
            EnsembleRewardModel ensemble = new EnsembleRewardTrainer(LinearRewardTrainer.builder().epochs(2).build(),
                    3, true, 5L).train(dataset);
            Trained trained = new Trained(data, pairs(source.groups()), dir.resolve("linear.tribuo"),
                    dir.resolve("linear.onnx"), dir.resolve("ensemble.tribuo"), dir.resolve("ensemble.onnx"));
            ModelFiles.write(linear, trained.linear());
            linear.saveONNXModel("org.rewardcollapse", 1, trained.linearOnnx());
            ModelFiles.write(ensemble, trained.ensemble());
            ensemble.saveONNXModel("org.rewardcollapse", 1, trained.ensembleOnnx());
            return trained;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pairs of some groups, group by group, response by response.
     * @param groups The groups.
     * @return The pairs.
     */
    static List<TextPair> pairs(List<PromptGroup> groups) {
        List<TextPair> pairs = new ArrayList<>();
        for (PromptGroup group : groups) {
            for (ScoredResponse response : group.responses()) {
                pairs.add(new TextPair(group.prompt(), response.text()));
            }
        }
        return pairs;
    }

    /**
     * The native body of some pairs.
     * @param pairs The pairs.
     * @return {@code [{"prompt", "response"}, ...]}.
     */
    static String nativeBody(List<TextPair> pairs) {
        var array = JSON.createArrayNode();
        for (TextPair pair : pairs) {
            array.addObject().put("prompt", pair.prompt()).put("response", pair.response());
        }
        return array.toString();
    }

    /**
     * POSTs a body.
     * @param base The server.
     * @param path The path.
     * @param body The body.
     * @return The response.
     */
    static HttpResponse<String> post(URI base, String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * GETs a path.
     * @param base The server.
     * @param path The path.
     * @return The response.
     */
    static HttpResponse<String> get(URI base, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /**
     * Sends a request.
     * @param request The request.
     * @return The response.
     */
    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A JSON array of numbers in a body.
     * @param body The body.
     * @param path The field names leading to the array.
     * @return The numbers.
     */
    static double[] numbers(String body, String... path) {
        try {
            JsonNode node = JSON.readTree(body);
            for (String name : path) {
                node = node.get(name);
            }
            double[] values = new double[node.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = node.get(i).doubleValue();
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
