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

import java.util.List;

/**
 * How a text file is read beyond its format: rules that type prompts without a type, whether every response must carry
 * a label, and how conversations become text.
 *
 * @param typeRules {@code TYPE=REGEX} rules in priority order ({@link PromptTypeRules}); empty for none.
 * @param labelsRequired Must every response carry a label (training and evaluation); false reads unlabelled
 *                       responses too, to be scored.
 * @param chatTemplate How conversational prompts and responses become text.
 */
public record ReadOptions(List<String> typeRules, boolean labelsRequired, ChatTemplate chatTemplate) {
    /** No type rules, labels required, conversations in the HH layout. */
    public static final ReadOptions DEFAULT = new ReadOptions(List.of(), true, ChatTemplate.HH);

    /**
     * Copies the rules and checks them.
     */
    public ReadOptions {
        typeRules = List.copyOf(typeRules);
        PromptTypeRules.parse(typeRules);
        if (chatTemplate == null) {
            throw new IllegalArgumentException("chatTemplate must be set");
        }
    }

    /**
     * These options with type rules.
     * @param rules The rules.
     * @return The options.
     */
    public ReadOptions withTypeRules(List<String> rules) {
        return new ReadOptions(rules, labelsRequired, chatTemplate);
    }

    /**
     * These options reading unlabelled responses too (to score them).
     * @return The options.
     */
    public ReadOptions withOptionalLabels() {
        return new ReadOptions(typeRules, false, chatTemplate);
    }

    /**
     * These options with another chat template.
     * @param template The template.
     * @return The options.
     */
    public ReadOptions withChatTemplate(ChatTemplate template) {
        return new ReadOptions(typeRules, labelsRequired, template);
    }
}
