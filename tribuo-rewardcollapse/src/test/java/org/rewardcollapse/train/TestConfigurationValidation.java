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
package org.rewardcollapse.train;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every invalid trainer, optimiser, utility or policy setting, given through an OLCUT configuration file, is rejected
 * by {@code postConfig()} with a message that names the field and what it allows.
 */
class TestConfigurationValidation {
    private static final AtomicInteger CHECKED = new AtomicInteger();

    @TempDir
    static Path dir;

    @AfterAll
    static void report() {
        System.out.println("configuration validation: " + CHECKED.get() + " invalid settings rejected, each naming its field");
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "org.rewardcollapse.train.MlpRewardTrainer | epochs | 0 | epochs must be >= 1",
            "org.rewardcollapse.train.MlpRewardTrainer | minibatchSize | -3 | minibatchSize must be >= 1",
            "org.rewardcollapse.train.MlpRewardTrainer | l2 | -0.1 | l2 must be finite and >= 0",
            "org.rewardcollapse.train.MlpRewardTrainer | l2 | NaN | l2 must be finite and >= 0",
            "org.rewardcollapse.train.RankingObjective | centringCoefficient | -1 | centringCoefficient must be finite and >= 0",
            "org.rewardcollapse.train.MlpRewardTrainer | warmupSteps | -5 | warmupSteps must be >= 0",
            "org.rewardcollapse.train.MlpRewardTrainer | validationFraction | 1.0 | validationFraction must be in [0, 1)",
            "org.rewardcollapse.train.MlpRewardTrainer | patience | -1 | patience must be >= 0",
            "org.rewardcollapse.train.MlpRewardTrainer | patience | 3 | patience 3 needs validation groups",
            "org.rewardcollapse.train.MlpRewardTrainer | snapshotGroups | 0 | snapshotGroups must be >= 1",
            "org.rewardcollapse.train.MlpRewardTrainer | numThreads | 0 | numThreads must be in [1, 256]",
            "org.rewardcollapse.train.MlpRewardTrainer | numThreads | 1000 | numThreads must be in [1, 256]",
            "org.rewardcollapse.train.MlpRewardTrainer | promptIdKey | ' ' | promptIdKey must be a non-empty metadata key",
            "org.rewardcollapse.train.MlpRewardTrainer | promptTypeKey | prompt_id | promptIdKey and promptTypeKey must differ",
            "org.rewardcollapse.train.LinearRewardTrainer | epochs | -1 | epochs must be >= 1",
            "org.rewardcollapse.train.Adam | learningRate | 0 | learningRate must be finite and > 0",
            "org.rewardcollapse.train.Adam | betaOne | 1.0 | betaOne must be in [0, 1)",
            "org.rewardcollapse.train.Adam | betaTwo | -0.5 | betaTwo must be in [0, 1)",
            "org.rewardcollapse.train.Adam | epsilon | 0 | epsilon must be finite and > 0",
            "org.rewardcollapse.train.Adam | weightDecay | -1 | weightDecay must be finite and >= 0",
            "org.rewardcollapse.policy.FixedUtilityPolicy | utility | cubic | utility: utility 'cubic': unknown utility 'cubic'",
            "org.rewardcollapse.policy.FixedUtilityPolicy | utility | log-sigmoid:-1 | log-sigmoid:S needs S in [0.01, 1000000]",
            "org.rewardcollapse.policy.FixedUtilityPolicy | utility | 'inverse,eps=0' | training needs eps > 0",
            "org.rewardcollapse.policy.FixedUtilityPolicy | utility | power:0 | power:G needs G in (0, 100]",
            "org.rewardcollapse.policy.CardinalShapePolicy | eps | 0 | eps must be in (0, 1]",
            "org.rewardcollapse.policy.CardinalShapePolicy | bootstrap | -1 | bootstrap must be >= 0",
            "org.rewardcollapse.policy.PromptTypePolicy | untypedUtility | cubic | untypedUtility: utility 'cubic'"})
    void invalidSettingIsRejectedNamingTheField(String type, String field, String value, String message) throws IOException {
        String extra = type.endsWith("PromptTypePolicy")
                ? "<propertymap name=\"utilities\"><entry key=\"open\" value=\"inverse\"/></propertymap>" : "";
        Path file = dir.resolve(type.substring(type.lastIndexOf('.') + 1) + "-" + field + ".xml");
        Files.writeString(file, "<config><component name=\"c\" type=\"" + type + "\"><property name=\"" + field
                + "\" value=\"" + value + "\"/>" + extra + "</component></config>");
        ConfigurationManager manager = new ConfigurationManager(file.toString());
        RuntimeException e = assertThrows(RuntimeException.class, () -> manager.lookup("c"));
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.getMessage());
        CHECKED.incrementAndGet();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty utilities | <propertymap name=\"utilities\"></propertymap> | utilities must map at least one prompt type",
            "bad type utility | <propertymap name=\"utilities\"><entry key=\"open\" value=\"cubic\"/></propertymap> | utilities, prompt type 'open'",
            "bad fraction | <propertymap name=\"utilities\"><entry key=\"a\" value=\"linear\"/></propertymap><property name=\"labelledFraction\" value=\"0\"/> | labelledFraction must be in (0, 1]"})
    void invalidClassifierPolicyIsRejected(String label, String properties, String message) throws IOException {
        Path file = dir.resolve("classifier-" + label.replace(' ', '-') + ".xml");
        Files.writeString(file, "<config><component name=\"c\" type=\"org.rewardcollapse.policy.ClassifierTypePolicy\">"
                + properties + "</component></config>");
        ConfigurationManager manager = new ConfigurationManager(file.toString());
        RuntimeException e = assertThrows(RuntimeException.class, () -> manager.lookup("c"));
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.getMessage());
        CHECKED.incrementAndGet();
    }
}
