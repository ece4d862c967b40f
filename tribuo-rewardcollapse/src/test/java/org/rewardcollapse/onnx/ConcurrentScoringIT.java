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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ONNX Runtime scorer and Tribuo prediction called from 8 threads give exactly the serial results, and scoring a
 * million rows does not grow native memory.
 */
class ConcurrentScoringIT {
    private static final int THREADS = 8;

    @TempDir
    static Path dir;

    private static List<Example<Regressor>> examples;
    private static RewardModel model;
    private static Path onnx;

    @BeforeAll
    static void train() throws IOException {
        MutableDataset<Regressor> data = new MutableDataset<>(new SyntheticRankingSource(250, 0.5, 4L,
                ResponseFeaturizer.defaults()));
        examples = data.getData();
        model = MlpRewardTrainer.builder().hiddenSizes(16).objective(RankingObjective.builder().bounded(true).build())
                .epochs(2).build().train(data);
        onnx = dir.resolve("model.onnx");
        model.saveONNXModel("org.rewardcollapse", 1, onnx);
    }

    private static <T> List<T> inParallel(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void eightThreadsScoreExactlyAsOne() throws Exception {
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(onnx, Device.CPU, 100, 1)) {
            double[] serial = scorer.score(examples);
            for (double[] parallel : inParallel(() -> {
                double[] last = null;
                for (int repeat = 0; repeat < 5; repeat++) {
                    last = scorer.score(examples);
                }
                return last;
            })) {
                assertArrayEquals(serial, parallel, 0.0);
            }
        }
        double[] serial = model.predict(examples).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
        for (double[] parallel : inParallel(() -> model.predict(examples).stream()
                .mapToDouble(p -> p.getOutput().getValues()[0]).toArray())) {
            assertArrayEquals(serial, parallel, 0.0);
        }
    }

    @Test
    void aMillionScoredRowsDoNotGrowNativeMemory() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc to read resident memory");
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(javaBinary.toString(), "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                NativeMemoryProbe.class.getName(), onnx.toString()).redirectErrorStream(true);
        // The class path goes through the environment: ONNX Runtime 1.29 crashes on command lines over about 4 KB.
        builder.environment().put("CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe finished");
        String last = output.lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("-?\\d+"), "the probe's output: " + output);
        long growth = Long.parseLong(last);
        System.out.printf("native memory over 1,000,000 scored rows: %+.1f MiB%n", growth / 1048576.0);
        assertTrue(growth < 32L << 20, "native memory grew by " + (growth >> 20) + " MiB");
    }
}
