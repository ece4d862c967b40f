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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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
        root.set("whole_process", wholeProcess(solver));
        return root;
    }

    /**
     * The command a user runs, timed from outside: {@code java -jar rewardcollapse.jar theory --utility U --n 1000}
     * (JVM start, class loading, a cold solve), median of 3 after a warm-up, beside the warm solve above and beside
     * the peer a Python user would write ({@code src/test/python/theory_scipy.py}: scipy's L-BFGS-B on the same
     * problem), timed the same way when python3 with scipy is on the path, with the objective each reaches.
     */
    private static ArrayNode wholeProcess(InterpolatingSolver solver) {
        ArrayNode rows = Json.mapper().createArrayNode();
        Path jar = Stream.of(System.getProperty("rewardcollapse.jar", ""),
                        "tribuo-rewardcollapse/target/rewardcollapse.jar", "../tribuo-rewardcollapse/target/rewardcollapse.jar")
                .filter(p -> !p.isEmpty()).map(Path::of).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("build the runnable jar first (mvn -DskipTests package)"));
        Path script = Stream.of("integration-tests/src/test/python/theory_scipy.py", "src/test/python/theory_scipy.py")
                .map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
        boolean scipy = script != null && exitsCleanly(List.of("python3", "-c", "import scipy"));
        System.out.printf(Locale.ROOT, "%nThe command theory --utility U --n 1000 as a whole process (a new JVM: start, "
                + "class loading, a cold solve), median of 3 after a warm-up, against scipy L-BFGS-B (%s):%n",
                scipy ? "python3 " + script : "skipped: python3 with scipy is not on the path");
        System.out.printf(Locale.ROOT, "  %-18s %10s %16s %10s %16s %20s%n", "utility", "java s", "objective", "scipy s",
                "scipy objective", "scipy result");
        for (String spec : new String[]{"log", "inverse", "log-sigmoid:0.25"}) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            double javaSeconds = medianProcessSeconds(List.of(java, "-jar", jar.toString(), "theory", "--utility", spec,
                    "--n", "1000"));
            double objective = objective(spec, solver.solve(Utilities.parse(spec), 1000).rewards());
            ObjectNode row = rows.addObject().put("utility", spec).put("n", 1000).put("whole_process_seconds", javaSeconds)
                    .put("objective", objective);
            if (scipy) {
                String[] printed = new String[1];
                double pythonSeconds = medianProcessSeconds(List.of("python3", script.toString(), spec, "1000"), printed);
                double scipyObjective = Double.parseDouble(printed[0].split("\\s+")[1]);
                String result = printed[0].substring(printed[0].indexOf('(') + 1, printed[0].lastIndexOf(')')).trim();
                System.out.printf(Locale.ROOT, "  %-18s %10.2f %16.4f %10.2f %16.4f %20s%n", spec, javaSeconds, objective,
                        pythonSeconds, scipyObjective, result.isEmpty() ? "?" : result.split(":")[0]);
                row.put("scipy_seconds", pythonSeconds).put("scipy_objective", scipyObjective).put("scipy_result", result);
            } else {
                System.out.printf(Locale.ROOT, "  %-18s %10.2f %16.4f%n", spec, javaSeconds, objective);
            }
        }
        return rows;
    }

    /** The objective of the paper's problem, the sum over i < j of U(r_i - r_j) with r in decreasing order. */
    private static double objective(String spec, double[] rewards) {
        double[] sorted = rewards.clone();
        Arrays.sort(sorted);
        var utility = Utilities.parse(spec);
        double sum = 0.0;
        for (int i = sorted.length - 1; i >= 0; i--) {
            for (int j = i - 1; j >= 0; j--) {
                sum += utility.value(sorted[i] - sorted[j]);
            }
        }
        return sum;
    }

    private static boolean exitsCleanly(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Median wall seconds of 3 runs after a warm-up; the last run's first output line goes in printed[0]. */
    private static double medianProcessSeconds(List<String> command, String... printed) {
        double[] seconds = new double[4];
        for (int k = 0; k < seconds.length; k++) {
            long start = System.nanoTime();
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int status = process.waitFor();
                if (status != 0) {
                    throw new IllegalStateException(command + " exited " + status + ": " + output);
                }
                if (printed.length > 0) {
                    printed[0] = output.lines().findFirst().orElse("");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            seconds[k] = (System.nanoTime() - start) / 1e9;
        }
        double[] counted = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(counted);
        return counted[1];
    }
}
