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
package org.rewardcollapse.data;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A grouping view over any {@code Dataset<Regressor>} (or list of examples): each prompt's responses, found
 * through the prompt-id metadata, with their strictly ordered pairs.
 * <p>
 * Groups come in order of first appearance. Groups that carry no ranking information (one response, or all
 * responses tied) are not among {@link #groups()}: they are counted in {@link #singletonGroups()} and
 * {@link #tiedGroups()}, never dropped silently.
 */
public final class RankingGroups implements Iterable<RankingGroup> {
    private final List<RankingGroup> groups;
    private final int singletonGroups;
    private final int tiedGroups;
    private final int responses;
    private final long pairs;

    private RankingGroups(List<RankingGroup> groups, int singletonGroups, int tiedGroups, int responses, long pairs) {
        this.groups = Collections.unmodifiableList(groups);
        this.singletonGroups = singletonGroups;
        this.tiedGroups = tiedGroups;
        this.responses = responses;
        this.pairs = pairs;
    }

    /**
     * Groups a dataset using the default metadata keys.
     * @param data The dataset.
     * @return The view.
     */
    public static RankingGroups of(Dataset<Regressor> data) {
        return of(data.getData(), RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
    }

    /**
     * Groups examples by their prompt-id metadata.
     * @param examples The examples; indices in the view are positions in this list.
     * @param promptIdKey The metadata key of the prompt id.
     * @param promptTypeKey The metadata key of the prompt type.
     * @return The view.
     * @throws IllegalArgumentException If an example lacks the prompt id, has no single-dimension ground truth,
     *                                  or a group's examples disagree on the prompt type.
     */
    public static RankingGroups of(List<? extends Example<Regressor>> examples, String promptIdKey, String promptTypeKey) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            Example<Regressor> example = examples.get(i);
            int index = i;
            Object id = example.getMetadataValue(promptIdKey).orElseThrow(() -> new IllegalArgumentException(
                    "example " + index + " has no '" + promptIdKey + "' metadata (the prompt group id)"));
            String groupId = id.toString();
            String type = example.getMetadataValue(promptTypeKey).map(Object::toString).orElse(null);
            if (members.containsKey(groupId) && !Objects.equals(types.get(groupId), type)) {
                throw new IllegalArgumentException("prompt group '" + groupId + "' mixes prompt types '"
                        + types.get(groupId) + "' and '" + type + "' (example " + i + ")");
            }
            types.put(groupId, type);
            members.computeIfAbsent(groupId, k -> new ArrayList<>()).add(i);
        }
        List<RankingGroup> groups = new ArrayList<>();
        int singletons = 0;
        int tied = 0;
        long pairs = 0;
        for (Map.Entry<String, List<Integer>> entry : members.entrySet()) {
            int[] indices = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            double[] scores = new double[indices.length];
            for (int k = 0; k < indices.length; k++) {
                scores[k] = score(examples.get(indices[k]), indices[k]);
            }
            if (indices.length < 2) {
                singletons++;
                continue;
            }
            RankingGroup group = new RankingGroup(entry.getKey(), types.get(entry.getKey()), indices, scores);
            if (group.numPairs() == 0) {
                tied++;
                continue;
            }
            pairs += group.numPairs();
            groups.add(group);
        }
        return new RankingGroups(groups, singletons, tied, examples.size(), pairs);
    }

    private static double score(Example<Regressor> example, int index) {
        double[] values = example.getOutput().getValues();
        if (values.length != 1) {
            throw new IllegalArgumentException("example " + index + " has a " + values.length
                    + "-dimensional target; a ranking score is one dimension");
        }
        if (!Double.isFinite(values[0])) {
            throw new IllegalArgumentException("example " + index + " has a non-finite score " + values[0]
                    + " (unlabelled data cannot be grouped for ranking)");
        }
        return values[0];
    }

    /**
     * The groups that carry at least one ordered pair.
     * @return The groups, in order of first appearance.
     */
    public List<RankingGroup> groups() {
        return groups;
    }

    @Override
    public Iterator<RankingGroup> iterator() {
        return groups.iterator();
    }

    /**
     * The number of groups with at least one ordered pair.
     * @return The count.
     */
    public int size() {
        return groups.size();
    }

    /**
     * Groups skipped because they have a single response.
     * @return The count.
     */
    public int singletonGroups() {
        return singletonGroups;
    }

    /**
     * Groups skipped because all their responses are tied.
     * @return The count.
     */
    public int tiedGroups() {
        return tiedGroups;
    }

    /**
     * The number of examples the view was built from.
     * @return The count.
     */
    public int numResponses() {
        return responses;
    }

    /**
     * The number of strictly ordered pairs over all groups.
     * @return The count.
     */
    public long numPairs() {
        return pairs;
    }

    @Override
    public String toString() {
        return "RankingGroups(groups=" + groups.size() + ",pairs=" + pairs + ",skippedSingletons=" + singletonGroups
                + ",skippedAllTied=" + tiedGroups + ")";
    }
}
