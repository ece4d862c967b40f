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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Text fields that may be a conversation: TRL's conversational format gives a prompt or a response as a list of
 * {@code {"role", "content"}} messages where its standard format gives a string. Roles are {@code system},
 * {@code user}, {@code assistant} and {@code tool}; content is a string.
 */
final class Conversations {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private Conversations() {}

    /**
     * The messages of a conversational field.
     * @param record The line.
     * @param field The field, an array of messages.
     * @return The messages.
     * @throws DataFormatException If a message is not an object with a known role and a string content.
     */
    static List<ChatTemplate.Message> messages(JsonRecord record, String field) {
        List<ChatTemplate.Message> messages = new ArrayList<>();
        for (JsonRecord message : record.requireObjectArray(field)) {
            String role = message.requireText("role");
            if (!ROLES.contains(role)) {
                throw message.error("role", "expected system, user, assistant or tool, found '" + role + "'");
            }
            messages.add(new ChatTemplate.Message(role, message.requireString("content")));
        }
        return messages;
    }

    /**
     * A prompt field: a string, or messages rendered by the template (ending with the assistant's cue).
     * @param record The line.
     * @param field The field.
     * @param template The template.
     * @return The prompt text.
     */
    static String prompt(JsonRecord record, String field, ChatTemplate template) {
        if (!record.isArray(field)) {
            return record.requireText(field);
        }
        List<ChatTemplate.Message> messages = messages(record, field);
        if (messages.isEmpty()) {
            throw record.error(field, "an empty conversation");
        }
        return template.prompt(messages);
    }

    /**
     * A response field: a string (which may be empty), or assistant messages whose contents are joined.
     * @param record The line.
     * @param field The field.
     * @return The response text.
     */
    static String response(JsonRecord record, String field) {
        if (!record.isArray(field)) {
            return record.requireString(field);
        }
        List<ChatTemplate.Message> messages = messages(record, field);
        for (ChatTemplate.Message m : messages) {
            if (!m.role().equals("assistant")) {
                throw record.error(field, "a response holds assistant messages, found a '" + m.role() + "' message");
            }
        }
        return ChatTemplate.response(messages);
    }

    /**
     * Splits a whole conversation into its prompt (every message before the last assistant turn) and the final
     * assistant turn, the response (TRL's {@code messages}, or one side of an implicit-prompt pair).
     * @param messages The conversation.
     * @param from The first message that may belong to the response.
     * @return The index where the response starts.
     */
    static int responseStart(List<ChatTemplate.Message> messages, int from) {
        int start = messages.size();
        while (start > from && messages.get(start - 1).role().equals("assistant")) {
            start--;
        }
        return start;
    }
}
