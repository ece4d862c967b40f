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
package org.rewardcollapse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.io.Json;

import java.nio.file.Path;

/**
 * The whole benchmark harness in one run: learning to rank against the peers, training throughput and scaling, the
 * theory engine, scoring, reward models on real text (sentence encoders against the length baselines) and the
 * encoder's throughput against langchain4j and the machine's MatMul ceiling. Prints every table and writes
 * {@code bench-results.json} (one section per benchmark, each naming its machine). Run from the project root:
 * <pre>
 * mvn -q -B -DskipTests install
 * ORT_DISABLE_TELEMETRY=1 MAVEN_OPTS=-Xmx6g mvn -q -B -pl integration-tests exec:java -Dexec.args=bench-results.json
 * </pre>
 */
public final class BenchmarkHarness {
    private BenchmarkHarness() {}

    /**
     * Runs every benchmark.
     * @param args Optional output path (default {@code bench-results.json}).
     * @throws Exception If a benchmark fails.
     */
    public static void main(String[] args) throws Exception {
        ObjectNode results = Json.mapper().createObjectNode();
        results.put("machine", Measure.machine());
        ObjectNode ltr = LearningToRankBenchmark.run();
        if (ltr != null) {
            results.set("learning_to_rank", ltr);
        }
        System.out.println();
        results.set("training_scaling", TrainingScalingBenchmark.run());
        System.out.println();
        results.set("theory", TheoryBenchmark.run());
        System.out.println();
        results.set("scoring", ScoringBenchmark.run());
        System.out.println();
        results.set("real_text", RealTextBenchmark.run());
        System.out.println();
        ObjectNode encoder = EncoderBenchmark.run();
        if (encoder != null) {
            results.set("encoder", encoder);
        }
        System.out.println();
        ObjectNode serve = ServeBenchmark.run();
        if (serve != null) {
            results.set("serve", serve);
        }
        Measure.write(results, Path.of(args.length > 0 ? args[0] : "bench-results.json"));
    }
}
