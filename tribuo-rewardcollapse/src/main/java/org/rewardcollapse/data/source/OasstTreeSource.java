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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenAssistant message trees ({@code oasst}): one tree per line, {@code {"message_tree_id": ...,
 * "prompt": message}}, where a message has {@code text}, {@code role} ({@code prompter} or
 * {@code assistant}), optional {@code message_id}, {@code replies} and, on replies, a human {@code rank}
 * (0 = best, null when unranked).
 * <p>
 * Every set of sibling replies in which at least two carry a rank is one prompt group; its prompt is the
 * conversation from the root to their parent in the HH-RLHF layout. Unranked siblings are left out of the
 * group and counted; a set with a single ranked reply is skipped and counted. The group id is the parent's
 * {@code message_id} (or the line and path when it has none).
 */
public final class OasstTreeSource extends JsonlRankingSource {
    /** The format name. */
    public static final String FORMAT = "oasst";

    private static final String SINGLE_RANKED = "sibling sets with a single ranked reply";
    private static final String UNRANKED = "unranked replies beside ranked siblings";

    private record Visit(JsonRecord message, String dialogue) {}

    /**
     * For OLCUT.
     */
    private OasstTreeSource() {}

    /**
     * A parser of single lines, for readers that split files ({@link JsonlLineParser}).
     * @return An unconfigured source whose only use is {@link #readRecord}.
     */
    static OasstTreeSource lineParser() {
        return new OasstTreeSource();
    }

    /**
     * Reads an OpenAssistant tree file with the default metadata keys.
     * @param dataPath The file (plain or gzip).
     * @param featurizer The featuriser.
     */
    public OasstTreeSource(Path dataPath, ResponseFeaturizer featurizer) {
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
    public OasstTreeSource(Path dataPath, ResponseFeaturizer featurizer, String promptIdKey, String promptTypeKey,
              ReadOptions options) {
        load(dataPath, featurizer, promptIdKey, promptTypeKey, options);
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    void readRecord(JsonRecord tree, UniqueIds ids, GivenEmbeddings embeddings, List<PromptGroup> groups,
                    Map<String, Integer> skipped) {
        Deque<Visit> stack = new ArrayDeque<>();
        stack.push(new Visit(tree.requireObject("prompt"), ""));
        while (!stack.isEmpty()) {
            Visit visit = stack.pop();
            JsonRecord message = visit.message();
            StringBuilder dialogue = new StringBuilder(visit.dialogue());
            // The root prompt must say something; a reply may be empty (a model that answered nothing).
            DialogueFormat.appendTurn(dialogue, speaker(message), visit.dialogue().isEmpty()
                    ? message.requireText("text") : message.requireString("text"));
            List<JsonRecord> replies = message.optionalObjectArray("replies");
            List<JsonRecord> ranked = replies.stream().filter(reply -> reply.has("rank")).toList();
            if (ranked.size() == 1) {
                skipped.merge(SINGLE_RANKED, 1, Integer::sum);
            } else if (ranked.size() > 1) {
                if (replies.size() > ranked.size()) {
                    skipped.merge(UNRANKED, replies.size() - ranked.size(), Integer::sum);
                }
                groups.add(group(message, dialogue, ranked, ids));
            }
            for (int i = replies.size() - 1; i >= 0; i--) {
                stack.push(new Visit(replies.get(i), dialogue.toString()));
            }
        }
    }

    @Override
    String noGroupsHint() {
        return "no sibling replies with ranks found (not an OpenAssistant tree file?)";
    }

    private static PromptGroup group(JsonRecord parent, CharSequence dialogueSoFar, List<JsonRecord> ranked,
                                     UniqueIds ids) {
        String id = ids.claim(parent, "message_id",
                parent.optionalId("message_id").orElse("line" + parent.line() + ":" + parent.path()));
        String replyRole = speaker(ranked.get(0));
        for (JsonRecord reply : ranked) {
            if (!speaker(reply).equals(replyRole)) {
                throw reply.error("role", "ranked siblings mix prompter and assistant replies");
            }
        }
        StringBuilder dialogue = new StringBuilder(dialogueSoFar);
        DialogueFormat.appendCue(dialogue, replyRole);
        double[] scores = RankScores.fromRanks(ranked, "rank");
        List<ScoredResponse> responses = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            responses.add(ScoredResponse.ofText(ranked.get(i).requireString("text"), scores[i]));
        }
        return new PromptGroup(id, dialogue.toString(), null, responses, parent.line());
    }

    private static String speaker(JsonRecord message) {
        String role = message.requireText("role");
        return switch (role) {
            case "prompter" -> DialogueFormat.HUMAN;
            case "assistant" -> DialogueFormat.ASSISTANT;
            default -> throw message.error("role", "unknown role '" + role + "' (expected prompter or assistant)");
        };
    }
}
