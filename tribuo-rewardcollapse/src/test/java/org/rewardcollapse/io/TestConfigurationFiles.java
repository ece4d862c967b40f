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
package org.rewardcollapse.io;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration files cannot read local files through XML entities, load serialized objects or other files, or
 * instantiate classes outside the project and Tribuo; relative paths mean the same from any working directory.
 */
class TestConfigurationFiles {
    private static final String SOURCE = RankedJsonlSource.class.getName();

    @TempDir
    Path dir;

    private Path config(String name, String body) throws IOException {
        return Files.writeString(dir.resolve(name), body);
    }

    private static String component(String properties) {
        return "<config>\n  <component name=\"data\" type=\"" + SOURCE + "\">\n" + properties
                + "  </component>\n</config>\n";
    }

    @Test
    void anExternalEntityIsRefusedBeforeAnyFileIsRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the secret");
        Path file = config("xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE config [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]>\n" + component("    <propertylist name=\"typeRules\"><item>&x;</item>"
                + "</propertylist>\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigurationFiles.load(file));
        assertEquals(file + ": line 2: DOCTYPE declarations are not allowed in configuration files (an entity could "
                + "read local files)", e.getMessage());
        assertFalse(e.getMessage().contains("the secret"));
    }

    @Test
    void serializedObjectsIncludesAndForeignClassesAreRefused() throws IOException {
        Path serialized = config("ser.xml", "<config>\n  <component name=\"data\" type=\"" + SOURCE
                + "\" serialized=\"/tmp/x.ser\"/>\n</config>\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigurationFiles.load(serialized))
                .getMessage().contains("Java-serialized"));
        Path include = config("inc.xml", "<config>\n  <file name=\"other\" value=\"other.xml\"/>\n</config>\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigurationFiles.load(include))
                .getMessage().contains("includes other configuration files"));
        Path foreign = config("foreign.xml", "<config>\n  <component name=\"x\" type=\"java.lang.Thread\"/>\n</config>\n");
        assertEquals(foreign + ": component 'x' names the class java.lang.Thread, which is outside [org.rewardcollapse., "
                + "org.tribuo.]; refusing to instantiate it", assertThrows(IllegalArgumentException.class,
                () -> ConfigurationFiles.load(foreign)).getMessage());
    }

    @Test
    void aRelativeDataPathIsReadFromTheConfigurationsFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("experiments"));
        RankedJsonlWriter.write(TruncationBenchmark.generate(6, 0.5, 3L), folder.resolve("data.jsonl"));
        assertFalse(Files.exists(Path.of("data.jsonl")), "the working directory has no such file");
        Path file = Files.writeString(folder.resolve("c.xml"), component(
                "    <property name=\"dataPath\" value=\"data.jsonl\"/>\n"));
        ConfigurationManager manager = ConfigurationFiles.load(file);
        RankedJsonlSource source = (RankedJsonlSource) manager.lookup("data");
        assertEquals(6, source.report().groups());
        assertEquals(folder.resolve("data.jsonl"), source.dataFile().orElseThrow());
    }
}
