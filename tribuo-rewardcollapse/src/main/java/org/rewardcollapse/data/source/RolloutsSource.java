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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one prompt and one response per line ({@code rollouts}): what a policy generates, and TRL's prompt-completion,
 * conversational and unpaired-preference formats.
 * <ul>
 *     <li>{@code {"prompt": ..., "response": ...}} or {@code {"prompt": ..., "completion": ...}}, each a string or
 *     (TRL's conversational format) a list of {@code {"role", "content"}} messages, rendered by the
 *     {@link ChatTemplate};</li>
 *     <li>or {@code {"messages": [...]}}: the prompt is every message before the final assistant turn, the response
 *     that turn;</li>
 *     <li>optional {@code id} (a string or an integer), {@code prompt_type}, and a label: {@code score} (a number,
 *     higher is better) or TRL's unpaired {@code label} ({@code true} scores 1, {@code false} 0).</li>
 * </ul>
 * Lines with the same {@code id}, or without ids the same prompt text, are one prompt group wherever they stand in
 * the file (its id is its {@code id}, or the line of its first response); its responses keep their line order and
 * their lines. A prompt's responses are all labelled or all unlabelled; unlabelled ones are read only when labels are
 * not required (to be scored), and a labelled prompt with one response, or all tied, has no pair (counted).
 */
public final class RolloutsSource extends JsonlRankingSource {
    /** The format name. */
    public static final String FORMAT = "rollouts";

    private Map<String, Group> open = new LinkedHashMap<>();

    /**
     * For OLCUT.
     */
    private RolloutsSource() {}

    /**
     * Reads a rollouts file with the default metadata keys, labels required.
     * @param dataPath The file (plain or gzip).
     * @param featurizer The featuriser.
     */
    public RolloutsSource(Path dataPath, ResponseFeaturizer featurizer) {
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
    public RolloutsSource(Path dataPath, ResponseFeaturizer featurizer, String promptIdKey, String promptTypeKey,
                          ReadOptions options) {
        load(dataPath, featurizer, promptIdKey, promptTypeKey, options);
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    /** A prompt group being gathered. */
    private static final class Group {
        private final String id;
        private final String prompt;
        private final String type;
        private final long line;
        private final boolean labelled;
        private final List<ScoredResponse> responses = new ArrayList<>();

        Group(String id, String prompt, String type, long line, boolean labelled) {
            this.id = id;
            this.prompt = prompt;
            this.type = type;
            this.line = line;
            this.labelled = labelled;
        }
    }

    /**
     * A parser of single lines, for readers that split files ({@link JsonlLineParser}): there, each line is a prompt
     * group of its own.
     * @return An unconfigured source whose only use is {@link #readRecord}.
     */
    static RolloutsSource lineParser() {
        return new RolloutsSource();
    }

    @Override
    void readRecord(JsonRecord record, UniqueIds ids, GivenEmbeddings embeddings, List<PromptGroup> groups,
                    Map<String, Integer> skipped) {
        String[] text = promptAndResponse(record);
        double score = score(record);
        String id = record.optionalId("id").orElse(null);
        String type = record.optionalPromptType().orElse(null);
        String key = id != null ? "id:" + id : "prompt:" + text[0];
        Group group = open.get(key);
        if (group == null) {
            group = new Group(id != null ? id : Long.toString(record.line()), text[0], type, record.line(),
                    !Double.isNaN(score));
            open.put(key, group);
        } else {
            if (!group.prompt.equals(text[0])) {
                throw record.error("prompt", "id '" + id + "' was given to another prompt on line " + group.line);
            }
            if (group.labelled == Double.isNaN(score)) {
                throw record.error(null, "the prompt of line " + group.line + " has " + (group.labelled ? "labelled"
                        : "unlabelled") + " responses and this one is " + (group.labelled ? "not" : "labelled")
                        + ": label all of a prompt's responses or none");
            }
            if (type != null && !type.equals(group.type)) {
                throw record.error("prompt_type", "'" + type + "', but the same prompt on line " + group.line + " has "
                        + (group.type == null ? "none" : "'" + group.type + "'"));
            }
        }
        group.responses.add(ScoredResponse.ofLine(text[1], score, record.line()));
    }

    @Override
    void finishGroups(List<PromptGroup> groups) {
        for (Group g : open.values()) {
            groups.add(new PromptGroup(g.id, g.prompt, g.type, g.responses, g.line));
        }
        open = new LinkedHashMap<>();
    }

    /** The prompt and response texts of a line. */
    private String[] promptAndResponse(JsonRecord record) {
        if (record.has("messages")) {
            if (record.has("prompt") || record.has("response") || record.has("completion")) {
                throw record.error("messages", "give a whole conversation (messages) or a prompt and a response, not "
                        + "both");
            }
            List<ChatTemplate.Message> messages = Conversations.messages(record, "messages");
            int start = Conversations.responseStart(messages, 0);
            if (start == messages.size() || start == 0) {
                throw record.error("messages", start == 0 ? "no message before the final assistant turn (the prompt)"
                        : "the conversation does not end with an assistant message (the response to score)");
            }
            return new String[]{chatTemplate.prompt(messages.subList(0, start)),
                    ChatTemplate.response(messages.subList(start, messages.size()))};
        }
        if (record.has("response") == record.has("completion")) {
            throw record.error(record.has("response") ? "completion" : "response", record.has("response")
                    ? "given beside 'response': give one" : "missing: a rollout has a 'response' (or TRL's "
                    + "'completion')");
        }
        String field = record.has("response") ? "response" : "completion";
        return new String[]{Conversations.prompt(record, "prompt", chatTemplate), Conversations.response(record, field)};
    }

    /** The line's label: its score, or 1 / 0 for TRL's true / false, or NaN when it has none. */
    private double score(JsonRecord record) {
        if (record.has("score") && record.has("label")) {
            throw record.error("label", "given beside 'score': give one label");
        }
        if (record.has("score")) {
            return record.requireFiniteNumber("score");
        }
        if (record.has("label")) {
            return record.optionalBoolean("label").orElseThrow() ? 1.0 : 0.0;
        }
        if (labelsRequired()) {
            throw record.error(null, "has neither 'score' nor 'label' (training and evaluation need a label on every "
                    + "response)");
        }
        return ScoredResponse.UNLABELLED;
    }

    @Override
    String noGroupsHint() {
        return "the file has no non-blank line";
    }
}
