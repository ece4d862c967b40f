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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * AlpacaEval with the answering systems held out as well as the instructions (the hidden set has other systems):
 * the systems named in the all-systems file are shuffled by a seed and split in two halves; the training file keeps
 * the answers of the first half, the test file the answers of the second, and a prompt left with fewer than two
 * answers is dropped. Both are written as ranked JSONL in a directory for the benchmark to read as it reads the
 * originals.
 *
 * @param train The training file (the all-systems file, first half's answers).
 * @param test The test file (the dev file, second half's answers).
 * @param heldOut The systems whose answers are only in the test file.
 */
record HeldOutSystems(Path train, Path test, Set<String> heldOut) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Splits the two files by answering system.
     * @param dev The dev file (6 answers a prompt).
     * @param all The all-systems file (27 answers a prompt, gzip).
     * @param seed The shuffle's seed.
     * @param directory Where to write the two files.
     * @return The files and the held-out systems.
     */
    static HeldOutSystems split(Path dev, Path all, long seed, Path directory) {
        List<JsonNode> allLines = lines(all);
        List<String> systems = new ArrayList<>(new TreeSet<>(allLines.stream()
                .flatMap(line -> stream(line.get("responses"))).map(r -> r.get("system").asText()).toList()));
        Measure.shuffle(systems, seed);
        Set<String> heldOut = new TreeSet<>(systems.subList(0, systems.size() / 2));
        Path train = write(allLines, directory.resolve("train-systems.jsonl"), s -> !heldOut.contains(s));
        Path test = write(lines(dev), directory.resolve("test-systems.jsonl"), heldOut::contains);
        return new HeldOutSystems(train, test, heldOut);
    }

    private static Path write(List<JsonNode> from, Path to, Predicate<String> keep) {
        try (Writer out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            for (JsonNode line : from) {
                ArrayNode kept = MAPPER.createArrayNode();
                stream(line.get("responses")).filter(r -> keep.test(r.get("system").asText())).forEach(kept::add);
                if (kept.size() >= 2) {
                    ObjectNode copy = ((ObjectNode) line).deepCopy();
                    copy.set("responses", kept);
                    out.write(MAPPER.writeValueAsString(copy));
                    out.write('\n');
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> lines(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(MAPPER.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
