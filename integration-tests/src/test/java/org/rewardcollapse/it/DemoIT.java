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
package org.rewardcollapse.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job end to end through the runnable jar: {@code demo --quick}, then {@code reproduce} on one of its runs.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void quickDemoWritesItsSummaryAndRunsThatReproduceExactly() throws Exception {
        Path out = dir.resolve("demo");
        JarRunner.Run demo = JarRunner.run(dir, 300, "demo", "--quick", "--out", out.toString());
        assertEquals(0, demo.status(), demo.err());
        assertTrue(demo.out().contains("prompt-aware") && demo.out().contains("collapse"), demo.out());
        assertTrue(demo.out().contains(" and " + out.resolve("runs") + "/<name>/"),
                "names where the runs are: " + demo.out());
        JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode run : summary.get("runs")) {
            names.add(run.get("name").asText());
            for (String key : List.of("name", "utility", "collapse_gap", "theory_distance", "pairwise_accuracy",
                    "gap_by_step")) {
                assertTrue(run.has(key), key);
            }
            assertTrue(run.get("theory_distance").has("open") && run.get("theory_distance").has("closed"));
            assertTrue(run.get("gap_by_step").size() > 3, "snapshots along training");
            Path runDirectory = out.resolve(run.get("directory").asText());
            for (String file : List.of("model.tribuo", "model.onnx", "provenance.json", "config.xml", "metrics.json",
                    "profiles.png", "run.log")) {
                assertTrue(Files.isRegularFile(runDirectory.resolve(file)), runDirectory + "/" + file);
            }
        }
        assertEquals(List.of("linear", "log", "inverse", "log-sigmoid", "prompt-aware", "log-sigmoid-early-stopping",
                "auto-cardinal", "auto-classifier"), names);
        assertTrue(Files.isRegularFile(out.resolve("gap-by-step.png")));
        JsonNode promptAware = summary.get("runs").get(4);
        assertTrue(promptAware.get("collapse_gap").asDouble() >= 0.3, promptAware.toString());
        JarRunner.Run reproduce = JarRunner.run(dir, 120, "reproduce", "--run", out.resolve("runs/prompt-aware").toString());
        assertEquals(0, reproduce.status(), reproduce.out() + reproduce.err());
        assertTrue(reproduce.out().startsWith("identical:") && reproduce.out().contains("max |difference| = 0"),
                reproduce.out());
        try (var entries = Files.list(dir)) {
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().contains(".partial-")),
                    "no unfinished run directory left behind");
        }
    }
}
