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
import org.rewardcollapse.io.AtomicFiles;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every benchmark shares: the machine's description, timing by median after warm-up, the data folder and
 * writing the JSON results.
 */
final class Measure {
    private Measure() {}

    /**
     * The machine a row was measured on.
     * @return Cores, Java version and VM, architecture.
     */
    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + "), " + System.getProperty("os.arch") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB";
    }

    /** A task to time. */
    @FunctionalInterface
    interface Task {
        /**
         * Runs once.
         * @throws Exception If it fails.
         */
        void run() throws Exception;
    }

    /**
     * The median wall time of a task after warm-up runs.
     * @param task The task.
     * @param warmups Untimed runs first.
     * @param runs Timed runs.
     * @return The median in seconds.
     * @throws Exception If the task fails.
     */
    static double medianSeconds(Task task, int warmups, int runs) throws Exception {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[runs / 2];
    }

    /**
     * Shuffles a list in place, Fisher-Yates with a seeded {@link SplittableRandom}, so that a benchmark's folds and
     * splits are the same on every run.
     * @param items The list.
     * @param seed The seed.
     * @param <T> The element type.
     */
    static <T> void shuffle(List<T> items, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
    }

    /**
     * The folder of the real data files ({@code rewardcollapse.data.dir}, else {@code ../shared/data} beside the
     * project).
     * @param name A file in it.
     * @return The file, or null (with a printed message) when absent.
     */
    static Path dataFile(String name) {
        Path file = Path.of(System.getProperty("rewardcollapse.data.dir", "../../shared/data"), name).normalize();
        if (!Files.isRegularFile(file)) {
            System.out.println("SKIPPED: real data file " + file + " is absent");
            return null;
        }
        return file;
    }

    /**
     * Writes JSON atomically.
     * @param json The document.
     * @param file The file.
     * @throws IOException If it cannot be written.
     */
    static void write(ObjectNode json, Path file) throws IOException {
        AtomicFiles.write(file, out -> out.write(json.toPrettyString().getBytes(StandardCharsets.UTF_8)));
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /**
     * Resets the peak usage of the Java heap's memory pools.
     */
    static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * The sum of the heap pools' peak usage since the last reset (native memory is not counted).
     * @return Bytes.
     */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
