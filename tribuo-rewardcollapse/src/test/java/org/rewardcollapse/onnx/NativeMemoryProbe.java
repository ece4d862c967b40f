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

import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores 1,000,000 rows with one scorer after a warm-up and prints how much resident memory outside the JVM's heap and
 * non-heap grew meanwhile. Run in its own JVM with a fixed, pre-touched heap
 * ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}), so that the heap's pages count from the start and only native
 * allocations (ONNX Runtime's, direct buffers) can move the number.
 */
public final class NativeMemoryProbe {
    private NativeMemoryProbe() {}

    /**
     * Runs the probe.
     * @param args The exported model.
     * @throws IOException If /proc cannot be read.
     */
    public static void main(String[] args) throws IOException {
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(Path.of(args[0]), Device.CPU)) {
            List<Example<Regressor>> examples = new MutableDataset<>(new SyntheticRankingSource(250, 0.5, 4L,
                    scorer.featurizer().orElseThrow())).getData();
            long rows = 0;
            while (rows < 100_000) {
                scorer.score(examples);
                rows += examples.size();
            }
            System.gc();
            long before = nativeBytes();
            while (rows < 1_100_000) {
                scorer.score(examples);
                rows += examples.size();
            }
            System.gc();
            System.out.println(nativeBytes() - before);
        }
    }

    /** Resident memory the JVM does not account for as heap or non-heap. */
    private static long nativeBytes() throws IOException {
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return rss - memory.getHeapMemoryUsage().getCommitted() - memory.getNonHeapMemoryUsage().getCommitted();
    }
}
