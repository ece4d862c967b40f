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
import java.util.List;
import java.util.Map;

/**
 * Reads chosen/rejected preference pairs ({@code pairs}), JSONL or gzipped JSONL, one pair per line:
 * <ul>
 *     <li>the HH-RLHF layout {@code {"chosen": dialogue, "rejected": dialogue}}, where both dialogues share
 *     the prompt: the longest common prefix cut back to its last {@code "\n\nAssistant:"} (responses may
 *     themselves contain speaker labels, so the last label of each dialogue is not a safe cut);</li>
 *     <li>or an explicit {@code {"prompt": ..., "chosen": response, "rejected": response}}.</li>
 * </ul>
 * Optional {@code id} and {@code prompt_type} as in the ranked format. Chosen scores 1, rejected 0; identical
 * responses are a tie (a group without pairs, counted in the report). A response may be empty (HH-RLHF has
 * assistants that said nothing), which the report counts; in the HH-RLHF layout the dialogues themselves may not.
 */
public final class PairwiseJsonlSource extends JsonlRankingSource {
    /** The format name. */
    public static final String FORMAT = "pairs";

    /**
     * For OLCUT.
     */
    private PairwiseJsonlSource() {}

    /**
     * A parser of single lines, for readers that split files ({@link JsonlLineParser}).
     * @return An unconfigured source whose only use is {@link #readRecord}.
     */
    static PairwiseJsonlSource lineParser() {
        return new PairwiseJsonlSource();
    }

    /**
     * Reads a pairs file with the default metadata keys.
     * @param dataPath The file (plain or gzip).
     * @param featurizer The featuriser.
     */
    public PairwiseJsonlSource(Path dataPath, ResponseFeaturizer featurizer) {
        this(dataPath, featurizer, RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY,
                List.of());
    }

    /**
     * Reads a file, typing prompts that have no type by rules.
     * @param dataPath The file (plain or gzip).
     * @param featurizer The featuriser.
     * @param promptIdKey The metadata key of the prompt id.
     * @param promptTypeKey The metadata key of the prompt type.
     * @param typeRules {@code TYPE=REGEX} rules in priority order ({@link PromptTypeRules}).
     */
    public PairwiseJsonlSource(Path dataPath, ResponseFeaturizer featurizer, String promptIdKey, String promptTypeKey,
              List<String> typeRules) {
        load(dataPath, featurizer, promptIdKey, promptTypeKey, typeRules);
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    void readRecord(JsonRecord pair, UniqueIds ids, GivenEmbeddings embeddings, List<PromptGroup> groups,
                    Map<String, Integer> skipped) {
        String id = ids.claimIdOrLine(pair);
        boolean explicitPrompt = pair.has("prompt");
        String chosen = explicitPrompt ? pair.requireString("chosen") : pair.requireText("chosen");
        String rejected = explicitPrompt ? pair.requireString("rejected") : pair.requireText("rejected");
        String prompt;
        if (explicitPrompt) {
            prompt = pair.requireText("prompt");
        } else {
            int cut = sharedPromptLength(chosen, rejected);
            if (cut < 0) {
                throw pair.error("chosen", "chosen and rejected share no dialogue prefix ending in '\\n\\nAssistant:'"
                        + " (give an explicit \"prompt\" field)");
            }
            prompt = chosen.substring(0, cut);
            chosen = chosen.substring(cut);
            rejected = rejected.substring(cut);
        }
        chosen = chosen.strip();
        rejected = rejected.strip();
        double rejectedScore = chosen.equals(rejected) ? 1.0 : 0.0;
        groups.add(new PromptGroup(id, prompt, pair.optionalText("prompt_type").orElse(null),
                List.of(ScoredResponse.ofText(chosen, 1.0, embeddings.response(pair, "chosen_embedding")),
                        ScoredResponse.ofText(rejected, rejectedScore, embeddings.response(pair, "rejected_embedding"))),
                pair.line(), embeddings.prompt(pair, "prompt_embedding")));
    }

    @Override
    String noGroupsHint() {
        return "the file has no non-blank line";
    }

    /**
     * The length of the shared prompt: the longest common prefix, cut just after its last assistant cue.
     * @param a One dialogue.
     * @param b The other.
     * @return The prompt length, or -1 when the common prefix holds no assistant cue.
     */
    static int sharedPromptLength(String a, String b) {
        int common = 0;
        int max = Math.min(a.length(), b.length());
        while (common < max && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        int cue = a.lastIndexOf(DialogueFormat.ASSISTANT_CUE, common - DialogueFormat.ASSISTANT_CUE.length());
        return cue < 0 ? -1 : cue + DialogueFormat.ASSISTANT_CUE.length();
    }
}
