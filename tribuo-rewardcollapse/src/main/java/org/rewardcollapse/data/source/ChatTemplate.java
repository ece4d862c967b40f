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
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a conversation (a list of {@code {"role", "content"}} messages, TRL's conversational format) becomes the prompt
 * and response texts a featuriser reads. A model trained on one layout should score the same layout.
 * <ul>
 *     <li>{@link #HH}, the default: the project's one dialogue layout (Anthropic's HH-RLHF),
 *     {@code "\n\nHuman: ...\n\nAssistant: ...\n\nAssistant:"}; a system message is a {@code System:} turn;</li>
 *     <li>{@link #CHATML}: {@code <|im_start|>role\ncontent<|im_end|>\n} per message, the prompt ending with
 *     {@code <|im_start|>assistant\n} (what many chat models' templates give);</li>
 *     <li>{@link #PLAIN}: {@code role: content} lines, the prompt ending with {@code assistant:}.</li>
 * </ul>
 * A response of several assistant messages is their contents joined by a blank line.
 */
public enum ChatTemplate {
    /** Anthropic's HH-RLHF layout, the project's dialogue layout. */
    HH,
    /** The ChatML layout. */
    CHATML,
    /** One {@code role: content} line per message. */
    PLAIN;

    /** One message of a conversation. */
    record Message(String role, String content) {}

    /**
     * A prompt: the messages so far, then the cue of the assistant whose reply is scored.
     * @param messages The messages.
     * @return The text.
     */
    String prompt(List<Message> messages) {
        StringBuilder text = new StringBuilder();
        for (Message m : messages) {
            switch (this) {
                case HH -> DialogueFormat.appendTurn(text, speaker(m.role()), m.content());
                case CHATML -> text.append("<|im_start|>").append(m.role()).append('\n').append(m.content())
                        .append("<|im_end|>\n");
                case PLAIN -> text.append(m.role()).append(": ").append(m.content()).append('\n');
            }
        }
        switch (this) {
            case HH -> DialogueFormat.appendCue(text, DialogueFormat.ASSISTANT);
            case CHATML -> text.append("<|im_start|>assistant\n");
            case PLAIN -> text.append("assistant:");
        }
        return text.toString();
    }

    /**
     * A response: the contents of its messages (assistant turns).
     * @param messages The messages.
     * @return The text.
     */
    static String response(List<Message> messages) {
        return messages.stream().map(Message::content).collect(Collectors.joining("\n\n"));
    }

    private static String speaker(String role) {
        return switch (role) {
            case "user" -> DialogueFormat.HUMAN;
            case "assistant" -> DialogueFormat.ASSISTANT;
            default -> role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1);
        };
    }

    /**
     * The template a user names.
     * @param name {@code hh}, {@code chatml} or {@code plain}, any case.
     * @return The template.
     * @throws IllegalArgumentException If no template has that name.
     */
    public static ChatTemplate named(String name) {
        for (ChatTemplate t : values()) {
            if (t.name().equalsIgnoreCase(name.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("chat template must be hh, chatml or plain, found '" + name + "'");
    }
}
