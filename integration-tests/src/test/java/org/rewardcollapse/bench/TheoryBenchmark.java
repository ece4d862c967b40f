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
     * (JVM start, class loading, a cold solve), median of {@value #PROCESS_RUNS} after a warm-up, split into the
     * start-up (the same JVM and command line with {@code theory --help}: JVM start, class loading, option parsing,
     * no solve), the cold solve (the solve time the command prints, median over the same runs) and the rest (the
     * limit law, the KS distance and printing); beside the warm solve above and beside the peer a Python user would
     * write ({@code src/test/python/theory_scipy.py}: scipy's L-BFGS-B on the same problem), timed the same way when
     * python3 with scipy is on the path, in turn with the command (A B A B ...), with the objective each reaches and
     * the median over the pairs of the ratio of the two processes' times.
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double startUp = timeProcesses(List.of(List.of(java, "-jar", jar.toString(), "theory", "--help"))).get(0)
                .medianSeconds();
        System.out.printf(Locale.ROOT, "%nThe command theory --utility U --n 1000 as a whole process (a new JVM: start, "
                + "class loading, a cold solve), median of %d after a warm-up; start-up is theory --help (%.2f s), "
                + "cold solve the solve time the command prints; against scipy L-BFGS-B (%s), run in turn with the "
                + "command, the ratio the median of the pairs':%n", PROCESS_RUNS, startUp,
                scipy ? "python3 " + script : "skipped: python3 with scipy is not on the path");
        System.out.printf(Locale.ROOT, "  %-18s %10s %10s %10s %16s %10s %16s %8s %20s%n", "utility", "java s",
                "start-up s", "solve s", "objective", "scipy s", "scipy objective", "ratio", "scipy result");
        for (String spec : new String[]{"log", "inverse", "log-sigmoid:0.25"}) {
            List<String> theory = List.of(java, "-jar", jar.toString(), "theory", "--utility", spec, "--n", "1000");
            List<Timed> timed = timeProcesses(scipy ? List.of(theory, List.of("python3", script.toString(), spec,
                    "1000")) : List.of(theory));
            Timed command = timed.get(0);
            double coldSolve = median(command.outputs().stream().mapToDouble(TheoryBenchmark::printedSolveSeconds)
                    .toArray());
            double objective = objective(spec, solver.solve(Utilities.parse(spec), 1000).rewards());
            ObjectNode row = rows.addObject().put("utility", spec).put("n", 1000)
                    .put("whole_process_seconds", command.medianSeconds()).put("start_up_seconds", startUp)
                    .put("cold_solve_seconds", coldSolve).put("objective", objective);
            if (scipy) {
                Timed peer = timed.get(1);
                String printed = peer.outputs().get(peer.outputs().size() - 1).lines().findFirst().orElse("");
                double scipyObjective = Double.parseDouble(printed.split("\\s+")[1]);
                String result = printed.substring(printed.indexOf('(') + 1, printed.lastIndexOf(')')).trim();
                double[] ratios = new double[PROCESS_RUNS];
                for (int k = 0; k < PROCESS_RUNS; k++) {
                    ratios[k] = command.seconds()[k] / peer.seconds()[k];
                }
                double ratio = median(ratios);
                System.out.printf(Locale.ROOT, "  %-18s %10.2f %10.2f %10.2f %16.4f %10.2f %16.4f %8.2f %20s%n", spec,
                        command.medianSeconds(), startUp, coldSolve, objective, peer.medianSeconds(), scipyObjective,
                        ratio, result.isEmpty() ? "?" : result.split(":")[0]);
                row.put("scipy_seconds", peer.medianSeconds()).put("scipy_objective", scipyObjective)
                        .put("scipy_result", result).put("java_over_scipy", ratio);
            } else {
                System.out.printf(Locale.ROOT, "  %-18s %10.2f %10.2f %10.2f %16.4f%n", spec, command.medianSeconds(),
                        startUp, coldSolve, objective);
            }
        }
        return rows;
    }

    /** The solve time the theory command prints ({@code solve time    12.345 ms}), in seconds. */
    private static double printedSolveSeconds(String output) {
        return output.lines().filter(l -> l.startsWith("solve time")).findFirst()
                .map(l -> Double.parseDouble(l.replace("solve time", "").replace("ms", "").strip()) / 1e3)
                .orElseThrow(() -> new IllegalStateException("no solve time in: " + output));
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

    /** Counted runs of each whole process. */
    private static final int PROCESS_RUNS = 5;

    /** A command's wall seconds in each counted run, and each counted run's output. */
    private record Timed(double[] seconds, List<String> outputs) {
        double medianSeconds() {
            return median(seconds);
        }
    }

    /**
     * Runs the commands in turn, A B A B ..., once to warm the file cache, then {@value #PROCESS_RUNS} times, timing
     * each run from outside: taken in turn, a pair of runs meets the same machine, so their ratio is fair on a machine
     * whose load drifts.
     */
    private static List<Timed> timeProcesses(List<List<String>> commands) {
        List<Timed> timed = new java.util.ArrayList<>();
        for (int c = 0; c < commands.size(); c++) {
            timed.add(new Timed(new double[PROCESS_RUNS], new java.util.ArrayList<>()));
        }
        for (int k = -1; k < PROCESS_RUNS; k++) {
            for (int c = 0; c < commands.size(); c++) {
                long start = System.nanoTime();
                String output = runToEnd(commands.get(c));
                if (k >= 0) {
                    timed.get(c).seconds()[k] = (System.nanoTime() - start) / 1e9;
                    timed.get(c).outputs().add(output);
                }
            }
        }
        return timed;
    }

    private static String runToEnd(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException(command + " exited " + status + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
