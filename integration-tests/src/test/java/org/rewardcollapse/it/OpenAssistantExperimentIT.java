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

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configured experiment on the real OpenAssistant data: log-sigmoid against the automatic prompt-aware policy,
 * through the jar with the checked-in configuration files; reports held-out pairwise accuracy and the collapse
 * diagnostics.
 */
class OpenAssistantExperimentIT {
    @TempDir
    Path dir;

    @Test
    void logSigmoidAgainstTheAutomaticPolicy() throws Exception {
        SharedData.file("oasst_en_100_tree.jsonl");
        StringBuilder report = new StringBuilder("OpenAssistant, 25% of prompt groups held out:\n");
        for (String name : new String[]{"oasst-log-sigmoid", "oasst-auto-policy"}) {
            Path out = dir.resolve(name);
            JarRunner.Run run = JarRunner.run(dir, 300, "train", "--config", "experiments/" + name + ".xml",
                    "--out", out.toString());
            assertEquals(0, run.status(), run.err());
            JsonNode metrics = Json.mapper().readTree(out.resolve("metrics.json").toFile());
            JsonNode collapse = metrics.get("collapse");
            assertTrue(collapse != null && collapse.get("classes").has("open") && collapse.get("classes").has("closed"));
            report.append(String.format(Locale.ROOT, "  %-18s pairwise accuracy %.4f, NDCG@10 %.4f, collapse gap %.4f, "
                            + "theory distance open %.4f (%s), closed %.4f (%s)%n", name,
                    metrics.get("pairwise_accuracy").asDouble(), metrics.get("ndcg@10").asDouble(),
                    collapse.get("collapse_gap").asDouble(),
                    collapse.get("classes").get("open").get("theory_distance").asDouble(),
                    collapse.get("classes").get("open").get("utility").asText(),
                    collapse.get("classes").get("closed").get("theory_distance").asDouble(),
                    collapse.get("classes").get("closed").get("utility").asText()));
            assertTrue(metrics.get("pairwise_accuracy").asDouble() > 0.5, name + " beats chance");
        }
        System.out.print(report);
    }
}
