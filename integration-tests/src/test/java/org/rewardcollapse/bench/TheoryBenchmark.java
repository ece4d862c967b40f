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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.theory.InterpolatingOptimum;
import org.rewardcollapse.theory.InterpolatingSolver;
import org.rewardcollapse.utility.Utilities;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Solve time of the theory engine against n for each utility family: the median of several runs after a
 * warm-up, printed as a table and written as JSON ({@code bench-theory.json}, or the path given as the first
 * argument). Not a test: run it with the command in the README.
 */
public final class TheoryBenchmark {
    private static final List<String> FAMILIES = List.of("linear", "log", "inverse", "power:0.5", "neg-power:0.5",
            "log-sigmoid:0.25", "log,eps=0.1", "inverse,eps=0.1");
    private static final int[] SIZES = {10, 50, 100, 200, 500, 1000, 2000};

    private TheoryBenchmark() {}

    /**
     * Runs the benchmark.
     * @param args Optional output path.
     * @throws Exception If the JSON cannot be written.
     */
    public static void main(String[] args) throws Exception {
        Measure.write(run(), Path.of(args.length > 0 ? args[0] : "bench-theory.json"));
    }

    /**
     * Runs the benchmark and prints its table.
     * @return The results.
     */
    static ObjectNode run() {
        InterpolatingSolver solver = new InterpolatingSolver();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("machine", Measure.machine());
        ArrayNode rows = root.putArray("rows");
        System.out.printf(Locale.ROOT, "Theory engine: median solve time in ms (%s)%n", root.get("machine").asText());
        System.out.printf(Locale.ROOT, "%-18s", "utility \\ n");
        for (int n : SIZES) {
            System.out.printf(Locale.ROOT, "%10d", n);
        }
        System.out.println();
        for (String spec : FAMILIES) {
            System.out.printf(Locale.ROOT, "%-18s", spec);
            for (int n : SIZES) {
                int repeats = n >= 1000 ? 3 : 7;
                solver.solve(Utilities.parse(spec), n); // warm-up
                double[] millis = new double[repeats];
                InterpolatingOptimum last = null;
                for (int k = 0; k < repeats; k++) {
                    last = solver.solve(Utilities.parse(spec), n);
                    millis[k] = last.solveNanos() / 1e6;
                }
                Arrays.sort(millis);
                double median = millis[repeats / 2];
                System.out.printf(Locale.ROOT, "%10.2f", median);
                ObjectNode row = rows.addObject();
                row.put("utility", spec);
                row.put("n", n);
                row.put("median_ms", median);
                row.put("repeats", repeats);
                row.put("iterations", last.iterations());
                row.put("kkt_residual", last.kktResidual());
            }
            System.out.println();
        }
        return root;
    }
}
