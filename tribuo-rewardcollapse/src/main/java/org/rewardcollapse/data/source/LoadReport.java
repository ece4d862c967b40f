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
import org.rewardcollapse.data.ScoredResponse;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a loader read: counts of prompt groups, responses and strictly ordered pairs, and what it skipped.
 * @param source A short description of the source (format and file).
 * @param groups Prompt groups loaded.
 * @param responses Responses loaded (one Tribuo example each).
 * @param pairs Strictly ordered response pairs in the loaded groups.
 * @param groupsWithoutPairs Loaded groups that carry no pair (one response, or all tied): kept for scoring,
 *                           ignored by ranking losses.
 * @param emptyResponses Responses whose text is empty (a model that answered nothing): loaded like any other.
 * @param groupSizes How many groups have each number of responses, by size.
 * @param promptTypes How many groups have each prompt type, by type ({@value #UNTYPED} for none).
 * @param skipped Human-readable notes on input that was read but not loaded, with counts.
 * @param encoding How text became vectors (the encoder, texts encoded, texts longer than its window), or empty.
 */
public record LoadReport(String source, int groups, int responses, long pairs, int groupsWithoutPairs,
                         int emptyResponses, SortedMap<Integer, Integer> groupSizes, SortedMap<String, Integer> promptTypes,
                         List<String> skipped, String encoding) {
    /** The {@link #promptTypes()} key of groups without a prompt type. */
    public static final String UNTYPED = "(untyped)";

    /**
     * Copies the collections.
     */
    public LoadReport {
        groupSizes = Collections.unmodifiableSortedMap(new TreeMap<>(groupSizes));
        promptTypes = Collections.unmodifiableSortedMap(new TreeMap<>(promptTypes));
        skipped = List.copyOf(skipped);
        encoding = encoding == null ? "" : encoding;
    }

    /**
     * Summarises a list of loaded groups.
     * @param source The source description.
     * @param loaded The groups.
     * @param skipped Notes on what was skipped.
     * @param encoding How text became vectors (the encoder, texts encoded, texts longer than its window), or empty.
     * @return The report.
     */
    public static LoadReport of(String source, List<PromptGroup> loaded, List<String> skipped, String encoding) {
        int responses = 0;
        long pairs = 0;
        int withoutPairs = 0;
        int empty = 0;
        SortedMap<Integer, Integer> sizes = new TreeMap<>();
        SortedMap<String, Integer> types = new TreeMap<>();
        for (PromptGroup group : loaded) {
            responses += group.responses().size();
            sizes.merge(group.responses().size(), 1, Integer::sum);
            types.merge(group.type().orElse(UNTYPED), 1, Integer::sum);
            for (ScoredResponse response : group.responses()) {
                empty += response.text() != null && response.text().isBlank() ? 1 : 0;
            }
            long groupPairs = group.pairCount();
            pairs += groupPairs;
            if (groupPairs == 0) {
                withoutPairs++;
            }
        }
        return new LoadReport(source, loaded.size(), responses, pairs, withoutPairs, empty, sizes, types, skipped,
                encoding);
    }

    /**
     * One line for logs and the command line.
     * @return The summary.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": ").append(groups).append(" groups, ").append(responses)
                .append(" responses, ").append(pairs).append(" ordered pairs");
        if (groupsWithoutPairs > 0) {
            sb.append("; ").append(groupsWithoutPairs).append(" groups without pairs (one response or all tied)");
        }
        if (emptyResponses > 0) {
            sb.append("; ").append(emptyResponses).append(" empty responses");
        }
        for (String note : skipped) {
            sb.append("; skipped ").append(note);
        }
        if (!encoding.isEmpty()) {
            sb.append("; ").append(encoding);
        }
        return sb.toString();
    }
}
