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
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the generic ranked JSONL format ({@code ranked}): one prompt per line,
 * <pre>
 * {"id": optional string or integer (default: the line number), "prompt": "...", "prompt_type": optional,
 *  "responses": [{"text": "...", "rank": 0-based best-first} | {"text": "...", "score": higher-better}, ...]}
 * </pre>
 * Within a line every response carries a rank or every response a score. Ranks become scores k-1 ... 0;
 * scores are kept as given (cardinal), and equal scores are ties. A response's text may be empty (a model that
 * answered nothing), which the load report counts.
 */
public final class RankedJsonlSource extends JsonlRankingSource {
    /** The format name. */
    public static final String FORMAT = "ranked";

    /**
     * For OLCUT.
     */
    private RankedJsonlSource() {}

    /**
     * A parser of single lines, for readers that split files ({@link JsonlLineParser}).
     * @return An unconfigured source whose only use is {@link #readRecord}.
     */
    static RankedJsonlSource lineParser() {
        return new RankedJsonlSource();
    }

    /**
     * Reads a ranked JSONL file with the default metadata keys.
     * @param dataPath The file (plain or gzip).
     * @param featurizer The featuriser.
     */
    public RankedJsonlSource(Path dataPath, ResponseFeaturizer featurizer) {
        this(dataPath, featurizer, RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY,
                ReadOptions.DEFAULT);
    }

    /**
     * Reads a file with other metadata keys and read options.
     * @param dataPath The file (plain or gzip).
     * @param featurizer The featuriser.
     * @param promptIdKey The metadata key of the prompt id.
     * @param promptTypeKey The metadata key of the prompt type.
     * @param options Type rules, whether labels are required, how conversations become text.
     */
    public RankedJsonlSource(Path dataPath, ResponseFeaturizer featurizer, String promptIdKey, String promptTypeKey,
              ReadOptions options) {
        load(dataPath, featurizer, promptIdKey, promptTypeKey, options);
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    void readRecord(JsonRecord record, UniqueIds ids, GivenEmbeddings embeddings, List<PromptGroup> groups,
                    Map<String, Integer> skipped) {
        String id = ids.claimIdOrLine(record);
        String prompt = record.requireText("prompt");
        String type = record.optionalPromptType().orElse(null);
        List<JsonRecord> items = record.requireObjectArray("responses");
        double[] scores = scores(items, labelsRequired());
        boolean labelled = !Double.isNaN(scores[0]);
        if (items.isEmpty() || (labelled && items.size() < 2)) {
            throw record.error("responses", "a ranking needs at least 2 responses, found " + items.size());
        }
        List<ScoredResponse> responses = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            responses.add(ScoredResponse.ofText(items.get(i).requireString("text"), scores[i],
                    embeddings.response(items.get(i), "embedding")));
        }
        groups.add(new PromptGroup(id, prompt, type, responses, record.line(),
                embeddings.prompt(record, "prompt_embedding")));
    }

    @Override
    String noGroupsHint() {
        return "the file has no non-blank line";
    }

    /** The responses' scores from their ranks or scores; NaN for all when none has a label and none is required. */
    private static double[] scores(List<JsonRecord> items, boolean labelsRequired) {
        if (items.isEmpty()) {
            return new double[]{ScoredResponse.UNLABELLED};
        }
        if (!labelsRequired && items.stream().noneMatch(item -> item.has("rank") || item.has("score"))) {
            double[] none = new double[items.size()];
            java.util.Arrays.fill(none, ScoredResponse.UNLABELLED);
            return none;
        }
        boolean ranked = items.get(0).has("rank");
        for (JsonRecord item : items) {
            boolean hasRank = item.has("rank");
            boolean hasScore = item.has("score");
            if (hasRank == hasScore) {
                throw item.error(null, hasRank ? "has both 'rank' and 'score': give one" : labelsRequired
                        ? "has neither 'rank' nor 'score' (training and evaluation need a label on every response)"
                        : "has neither 'rank' nor 'score', and other responses of this prompt have one: "
                        + "label all of a prompt's responses or none");
            }
            if (hasRank != ranked) {
                throw item.error(hasRank ? "rank" : "score",
                        "mixes ranks and scores within one prompt: use one kind for all responses");
            }
        }
        if (ranked) {
            return RankScores.fromRanks(items, "rank");
        }
        return items.stream().mapToDouble(item -> item.requireFiniteNumber("score")).toArray();
    }
}
