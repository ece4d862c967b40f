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

import com.oracle.labs.mlrg.olcut.config.Config;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.tribuo.Feature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads learning-to-rank data in LETOR / SVMlight format ({@code letor}):
 * {@code label [qid:Q] index:value ... [# comment]}, graded labels kept as scores (higher is better).
 * <p>
 * Groups come from {@code qid:} (the rows of a query must be contiguous) or, when the rows carry no qid,
 * from a group-size file with one size per line (LightGBM's {@code .query} layout; by default the data
 * file's name plus {@code .query}). Features are named {@code f<index>}; zero values are left out.
 */
public final class LetorSource extends RankingDataSource {
    /** The format name. */
    public static final String FORMAT = "letor";
    /** The largest relevance label: NDCG's gain 2^label - 1 overflows beyond it. */
    public static final double MAX_LABEL = 1023;
    /** The suffix of the default group-size file. */
    public static final String QUERY_SUFFIX = ".query";

    @Config(description = "Group-size file (one size per line); default: the data file plus '.query' when rows have no qid.")
    private Path queryPath;

    private record Row(long line, String qid, double label, List<Feature> features) {}

    private boolean groupedBySizes;

    /**
     * For OLCUT.
     */
    private LetorSource() {}

    /**
     * Reads a LETOR file; groups come from qid or from the default {@code .query} file.
     * @param dataPath The file (plain or gzip).
     */
    public LetorSource(Path dataPath) {
        this(dataPath, null);
    }

    /**
     * Reads a LETOR file with an explicit group-size file.
     * @param dataPath The file (plain or gzip).
     * @param queryPath The group-size file, or null for qid or the default {@code .query} file.
     */
    public LetorSource(Path dataPath, Path queryPath) {
        this.dataPath = dataPath;
        this.queryPath = queryPath;
        postConfig();
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    /**
     * Were the groups read from a group-size file (rows without qid)?
     * @return True for a size file, false for qids.
     */
    public boolean groupedBySizeFile() {
        return groupedBySizes;
    }

    /**
     * The group-size file the groups were read from.
     * @return The file, or empty when the rows carry qids and no size file was given.
     */
    @Override
    protected Optional<Path> companionFile() {
        if (queryPath != null) {
            return Optional.of(queryPath);
        }
        Path file = dataFile().orElse(null);
        return groupedBySizes && file != null ? Optional.of(defaultQueryFile(file)) : Optional.empty();
    }

    /**
     * The group-size file a data file has when none is given: its name plus {@value #QUERY_SUFFIX}.
     * @param dataFile The data file.
     * @return The group-size file.
     */
    public static Path defaultQueryFile(Path dataFile) {
        return dataFile.resolveSibling(dataFile.getFileName() + QUERY_SUFFIX);
    }

    @Override
    protected List<Feature> features(PromptGroup group, ScoredResponse response) {
        return response.features();
    }

    @Override
    protected List<PromptGroup> readGroups(List<String> skipped) {
        Path file = requireDataFile();
        List<Row> rows = new ArrayList<>();
        Map<Integer, String> names = new HashMap<>();
        DataFiles.forEachLine(file, (lineNumber, line) -> {
            Row row = parseRow(file, lineNumber, line, names);
            if (row != null) {
                rows.add(row);
            }
        });
        if (rows.isEmpty()) {
            throw new DataFormatException(file, "no rows (the file has no data line)");
        }
        boolean withQid = rows.get(0).qid() != null;
        for (Row row : rows) {
            if ((row.qid() != null) != withQid) {
                throw new DataFormatException(file, row.line(), "qid",
                        "some rows have qid and others not: give qid on every row or none");
            }
        }
        groupedBySizes = !withQid;
        if (!withQid) {
            return groupBySizes(file, rows);
        }
        List<PromptGroup> groups = groupByQid(file, rows);
        if (queryPath != null) {
            requireSameGroups(groups, file);
        }
        return groups;
    }

    /** An explicit group-size file must agree with the rows' qids: refuse the conflict rather than pick one. */
    private void requireSameGroups(List<PromptGroup> byQid, Path file) {
        List<PromptGroup> bySizes = groupBySizes(file, byQidRows(byQid));
        for (int g = 0; g < Math.min(byQid.size(), bySizes.size()); g++) {
            if (byQid.get(g).responses().size() != bySizes.get(g).responses().size()) {
                throw new DataFormatException(queryPath, 0, null, "group " + (g + 1) + " has "
                        + bySizes.get(g).responses().size() + " rows here but qid " + byQid.get(g).id() + " of " + file
                        + " (line " + byQid.get(g).line() + ") has " + byQid.get(g).responses().size()
                        + "; the group-size file and the qids disagree: give one or make them agree");
            }
        }
    }

    /** The rows of groups, in order, as group-size checking needs them. */
    private static List<Row> byQidRows(List<PromptGroup> groups) {
        List<Row> rows = new ArrayList<>();
        for (PromptGroup group : groups) {
            for (ScoredResponse response : group.responses()) {
                rows.add(new Row(group.line(), group.id(), response.score(), response.features()));
            }
        }
        return rows;
    }

    private static List<PromptGroup> groupByQid(Path file, List<Row> rows) {
        List<PromptGroup> groups = new ArrayList<>();
        Set<String> closed = new HashSet<>();
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || !rows.get(i).qid().equals(rows.get(start).qid())) {
                String qid = rows.get(start).qid();
                if (!closed.add(qid)) {
                    throw new DataFormatException(file, rows.get(start).line(), "qid",
                            "qid " + qid + " appears again after other queries: rows of a query must be contiguous");
                }
                groups.add(group(qid, rows.subList(start, i)));
                start = i;
            }
        }
        return groups;
    }

    private List<PromptGroup> groupBySizes(Path file, List<Row> rows) {
        Path sizes = queryPath != null ? queryPath : defaultQueryFile(file);
        if (!Files.exists(sizes)) {
            throw new DataFormatException(file, "rows have no qid and the group-size file " + sizes + " does not exist");
        }
        List<PromptGroup> groups = new ArrayList<>();
        int[] start = {0};
        DataFiles.forEachLine(sizes, (lineNumber, line) -> {
            if (line.isBlank()) {
                return;
            }
            int size;
            try {
                size = Integer.parseInt(line.strip());
            } catch (NumberFormatException e) {
                throw new DataFormatException(sizes, lineNumber, null, "expected a group size, found '" + line.strip() + "'");
            }
            if (size <= 0) {
                throw new DataFormatException(sizes, lineNumber, null, "group size must be positive, found " + size);
            }
            if (start[0] + size > rows.size()) {
                throw new DataFormatException(sizes, lineNumber, null, "group sizes add up to more than the "
                        + rows.size() + " rows of " + file);
            }
            groups.add(group(Integer.toString(groups.size() + 1), rows.subList(start[0], start[0] + size)));
            start[0] += size;
        });
        if (start[0] != rows.size()) {
            throw new DataFormatException(sizes, "group sizes add up to " + start[0] + " but " + file + " has "
                    + rows.size() + " rows");
        }
        return groups;
    }

    private static PromptGroup group(String id, List<Row> rows) {
        List<ScoredResponse> responses = new ArrayList<>(rows.size());
        for (Row row : rows) {
            responses.add(new ScoredResponse(null, row.label(), row.features()));
        }
        return new PromptGroup(id, null, null, responses, rows.get(0).line());
    }

    private static Row parseRow(Path file, long lineNumber, String line, Map<Integer, String> names) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (content.isEmpty()) {
            return null;
        }
        String[] tokens = content.split("\\s+");
        double label = parseFinite(file, lineNumber, "label", tokens[0]);
        if (!(label >= 0.0 && label <= MAX_LABEL)) {
            throw new DataFormatException(file, lineNumber, "label", "relevance label " + tokens[0] + " is outside [0, "
                    + (int) MAX_LABEL + "] (NDCG's gain 2^label - 1 is defined there)");
        }
        String qid = null;
        List<Feature> features = new ArrayList<>(tokens.length);
        Map<Integer, Integer> seen = new HashMap<>();
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            int colon = token.indexOf(':');
            if (colon <= 0 || colon == token.length() - 1) {
                throw new DataFormatException(file, lineNumber, "token " + (t + 1),
                        "expected index:value, found '" + token + "'");
            }
            String key = token.substring(0, colon);
            String value = token.substring(colon + 1);
            if (key.equals("qid")) {
                if (t != 1) {
                    throw new DataFormatException(file, lineNumber, "qid", "qid must come right after the label");
                }
                qid = value;
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, lineNumber, "token " + (t + 1), "feature index '" + key + "' is not an integer");
            }
            if (index < 0) {
                throw new DataFormatException(file, lineNumber, "f" + index, "feature index must be non-negative");
            }
            if (seen.put(index, t) != null) {
                throw new DataFormatException(file, lineNumber, "f" + index, "feature index " + index + " appears twice");
            }
            double v = parseFinite(file, lineNumber, "f" + index, value);
            if (v != 0.0) {
                // One name string per feature index across rows (a file of a million rows would otherwise hold a
                // million copies of a few hundred names, and scoring finds shared names by identity).
                features.add(new Feature(names.computeIfAbsent(index, i -> "f" + i), v));
            }
        }
        if (features.isEmpty()) {
            throw new DataFormatException(file, lineNumber, null, "row has no non-zero feature (a Tribuo example needs one)");
        }
        return new Row(lineNumber, qid, label, features);
    }

    private static double parseFinite(Path file, long lineNumber, String field, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, lineNumber, field, "expected a number, found '" + text + "'");
        }
        if (!Double.isFinite(value)) {
            throw new DataFormatException(file, lineNumber, field, "number is not finite (" + text + ")");
        }
        return value;
    }
}
