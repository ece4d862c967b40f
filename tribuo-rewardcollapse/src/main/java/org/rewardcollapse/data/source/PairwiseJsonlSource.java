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
 *     <li>or an explicit {@code {"prompt": ..., "chosen": response, "rejected": response}} (TRL's preference format
 *     with an explicit prompt);</li>
 *     <li>or two plain texts without dialogue cues (TRL's implicit prompt): the prompt is their longest common prefix
 *     cut back to a word boundary;</li>
 *     <li>or TRL's conversational preference format: lists of {@code {"role", "content"}} messages, an explicit
 *     {@code prompt} with assistant replies, or two whole conversations whose common messages are the prompt; the
 *     source's {@link ChatTemplate} renders them.</li>
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
    public PairwiseJsonlSource(Path dataPath, ResponseFeaturizer featurizer, String promptIdKey, String promptTypeKey,
              ReadOptions options) {
        load(dataPath, featurizer, promptIdKey, promptTypeKey, options);
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    void readRecord(JsonRecord pair, UniqueIds ids, GivenEmbeddings embeddings, List<PromptGroup> groups,
                    Map<String, Integer> skipped) {
        String id = ids.claimIdOrLine(pair);
        String[] texts = pair.isArray("chosen") || pair.isArray("rejected") ? conversational(pair) : standard(pair);
        String prompt = texts[0];
        String chosen = texts[1];
        String rejected = texts[2];
        chosen = chosen.strip();
        rejected = rejected.strip();
        double rejectedScore = chosen.equals(rejected) ? 1.0 : 0.0;
        groups.add(new PromptGroup(id, prompt, pair.optionalPromptType().orElse(null),
                List.of(ScoredResponse.ofText(chosen, 1.0, embeddings.response(pair, "chosen_embedding")),
                        ScoredResponse.ofText(rejected, rejectedScore, embeddings.response(pair, "rejected_embedding"))),
                pair.line(), embeddings.prompt(pair, "prompt_embedding")));
    }

    /** Prompt, chosen and rejected texts of a pair of strings: an explicit prompt, or the dialogues' shared prefix. */
    private static String[] standard(JsonRecord pair) {
        if (pair.has("prompt")) {
            return new String[]{pair.requireText("prompt"), pair.requireString("chosen"), pair.requireString("rejected")};
        }
        String chosen = pair.requireText("chosen");
        String rejected = pair.requireText("rejected");
        int cut = sharedPromptLength(chosen, rejected);
        if (cut < 0) {
            cut = sharedWordPrefix(chosen, rejected);
        }
        if (cut <= 0) {
            throw pair.error("chosen", "chosen and rejected share no prompt (no common dialogue prefix ending in "
                    + "'\\n\\nAssistant:', no common words); give an explicit \"prompt\" field");
        }
        return new String[]{chosen.substring(0, cut), chosen.substring(cut), rejected.substring(cut)};
    }

    /**
     * Prompt, chosen and rejected texts of TRL's conversational pairs: an explicit prompt with assistant replies, or two
     * whole conversations whose common messages are the prompt (as TRL's {@code extract_prompt}).
     */
    private String[] conversational(JsonRecord pair) {
        if (pair.has("prompt")) {
            return new String[]{Conversations.prompt(pair, "prompt", chatTemplate), Conversations.response(pair, "chosen"),
                    Conversations.response(pair, "rejected")};
        }
        List<ChatTemplate.Message> chosen = Conversations.messages(pair, "chosen");
        List<ChatTemplate.Message> rejected = Conversations.messages(pair, "rejected");
        int common = 0;
        while (common < Math.min(chosen.size(), rejected.size()) && chosen.get(common).equals(rejected.get(common))) {
            common++;
        }
        // the prompt ends before the final assistant turns (identical conversations are one response twice, a tie)
        common = Math.min(common, Math.min(Conversations.responseStart(chosen, 0),
                Conversations.responseStart(rejected, 0)));
        if (common == 0) {
            throw pair.error("chosen", "chosen and rejected share no messages before their assistant replies; give an "
                    + "explicit \"prompt\" field");
        }
        for (List<ChatTemplate.Message> side : List.of(chosen, rejected)) {
            for (ChatTemplate.Message m : side.subList(common, side.size())) {
                if (!m.role().equals("assistant")) {
                    throw pair.error(side == chosen ? "chosen" : "rejected", "after the shared prompt the conversation "
                            + "goes on with a '" + m.role() + "' message; a reply holds assistant messages only");
                }
            }
        }
        return new String[]{chatTemplate.prompt(chosen.subList(0, common)),
                ChatTemplate.response(chosen.subList(common, chosen.size())),
                ChatTemplate.response(rejected.subList(common, rejected.size()))};
    }

    /**
     * The length of two texts' longest common prefix, cut back to just after its last whitespace (TRL's implicit
     * prompt of plain texts: {@code "The sky is blue."} and {@code "The sky is green."} share {@code "The sky is "}).
     * @param a One text.
     * @param b The other.
     * @return The prompt length, 0 when they share no whole word.
     */
    static int sharedWordPrefix(String a, String b) {
        int common = 0;
        int max = Math.min(a.length(), b.length());
        while (common < max && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        if (common == a.length() && common == b.length()) {
            return 0;
        }
        int cut = common;
        while (cut > 0 && !Character.isWhitespace(a.charAt(cut - 1))) {
            cut--;
        }
        return cut;
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
