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
package org.rewardcollapse.data.source;

import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Splits a data file into a training and a test file in the file's own format, by prompt group, seeded: every line of
 * a prompt (a ranked or pairs line, an OpenAssistant tree with all its groups, a LETOR query's rows) goes to the same
 * side, so no prompt is on both. The file is validated by its loader first. Lines are copied as they are, except that a
 * ranked or pairs line without an {@code id} gets its line number as one, so prompt ids stay those of the original
 * file; a LETOR file grouped by a size file gets a size file beside each output. An output ending in {@code .gz} is
 * gzipped.
 */
public final class FileSplitter {
    /**
     * What a split wrote.
     *
     * @param trainGroups Prompt groups in the training file.
     * @param testGroups Prompt groups in the test file.
     * @param format The file's format.
     * @param files Every file written.
     */
    public record Result(int trainGroups, int testGroups, DataFormat format, List<Path> files) {}

    /** The lines of one unit that goes to one side as a whole, with the groups it holds. */
    private record Unit(List<String> lines, int groups, List<Integer> sizes) {}

    private FileSplitter() {}

    /**
     * Splits a file.
     * @param data The file.
     * @param testFraction The fraction of units (prompts, trees, queries) in the test file, in (0, 1).
     * @param seed The seed.
     * @param train The training file to write.
     * @param test The test file to write.
     * @return What was written.
     * @throws IOException If an output cannot be written (none is left half-written).
     * @throws IllegalArgumentException If the data is bad input or has fewer than two units.
     */
    public static Result split(DataSpec data, double testFraction, long seed, Path train, Path test) throws IOException {
        if (!(testFraction > 0.0 && testFraction < 1.0)) {
            throw new IllegalArgumentException("the test fraction must be in (0, 1), found " + testFraction);
        }
        DataFormat format = data.resolvedFormat();
        RankingDataSource source = data.withTypeRules(List.of()).load(ResponseFeaturizer.defaults());
        List<String> lines = new ArrayList<>();
        DataFiles.forEachLine(data.file(), (number, line) -> lines.add(line));
        List<Unit> units = format == DataFormat.LETOR ? letorUnits(source, lines) : lineUnits(source, lines, format);
        if (units.size() < 2) {
            throw new IllegalArgumentException(data.file() + ": " + units.size() + " prompt unit(s); a split needs two");
        }
        int[] order = new int[units.size()];
        Arrays.setAll(order, i -> i);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int testUnits = (int) Math.max(1, Math.min(units.size() - 1, Math.round(testFraction * units.size())));
        boolean[] inTest = new boolean[units.size()];
        for (int i = 0; i < testUnits; i++) {
            inTest[order[i]] = true;
        }
        List<Unit> trainSide = new ArrayList<>();
        List<Unit> testSide = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            (inTest[u] ? testSide : trainSide).add(units.get(u));
        }
        List<Path> written = new ArrayList<>();
        boolean sizeFile = source instanceof LetorSource letor && letor.groupedBySizeFile();
        write(train, trainSide, sizeFile, written);
        write(test, testSide, sizeFile, written);
        return new Result(trainSide.stream().mapToInt(Unit::groups).sum(), testSide.stream().mapToInt(Unit::groups).sum(),
                format, written);
    }

    /**
     * Ranked, pairs and OpenAssistant files: an OpenAssistant tree is a unit; so are all the ranked or pairs lines of
     * one prompt text (a prompt asked twice goes to one side). Lines that hold no group go to training.
     */
    private static List<Unit> lineUnits(RankingDataSource source, List<String> lines, DataFormat format) {
        Map<String, List<Long>> linesByUnit = new LinkedHashMap<>();
        Map<String, Integer> groupsByUnit = new LinkedHashMap<>();
        for (PromptGroup group : source.groups()) {
            String unit = format == DataFormat.OASST ? "line " + group.line() : "prompt " + group.prompt();
            List<Long> unitLines = linesByUnit.computeIfAbsent(unit, k -> new ArrayList<>());
            if (!unitLines.contains(group.line())) {
                unitLines.add(group.line());
            }
            groupsByUnit.merge(unit, 1, Integer::sum);
        }
        List<Unit> units = new ArrayList<>();
        linesByUnit.forEach((unit, unitLines) -> {
            List<String> text = new ArrayList<>();
            for (long number : unitLines) {
                String line = lines.get((int) (number - 1));
                text.add(format == DataFormat.OASST ? line : withId(line, number));
            }
            units.add(new Unit(text, groupsByUnit.get(unit), List.of()));
        });
        return units;
    }

    /** A ranked or pairs line with an explicit id: its own, or its line number (the id the loader gave it). */
    private static String withId(String line, long number) {
        JsonRecord record = JsonLines.parse(null, number, line);
        if (record.has("id")) {
            return line;
        }
        int brace = line.indexOf('{');
        return line.substring(0, brace + 1) + "\"id\": \"" + number + "\", " + line.substring(brace + 1).stripLeading();
    }

    /** LETOR files: every query's rows are a unit (comment and blank lines are dropped). */
    private static List<Unit> letorUnits(RankingDataSource source, List<String> lines) {
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            if (!(hash >= 0 ? line.substring(0, hash) : line).isBlank()) {
                rows.add(line);
            }
        }
        List<Unit> units = new ArrayList<>();
        int next = 0;
        for (PromptGroup group : source.groups()) {
            int size = group.responses().size();
            units.add(new Unit(rows.subList(next, next + size), 1, List.of(size)));
            next += size;
        }
        return units;
    }

    private static void write(Path file, List<Unit> units, boolean sizeFile, List<Path> written) throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder sizes = new StringBuilder();
        for (Unit unit : units) {
            unit.lines().forEach(line -> text.append(line).append('\n'));
            unit.sizes().forEach(size -> sizes.append(size).append('\n'));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        AtomicFiles.write(file, out -> {
            if (gzip) {
                try (OutputStream zipped = new GZIPOutputStream(nonClosing(out))) {
                    zipped.write(bytes);
                }
            } else {
                out.write(bytes);
            }
        });
        written.add(file);
        if (sizeFile) {
            Path query = file.resolveSibling(file.getFileName() + LetorSource.QUERY_SUFFIX);
            AtomicFiles.write(query, out -> out.write(sizes.toString().getBytes(StandardCharsets.UTF_8)));
            written.add(query);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
