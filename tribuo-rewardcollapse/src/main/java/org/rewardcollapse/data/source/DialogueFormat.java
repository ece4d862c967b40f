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

/**
 * The one dialogue layout all text loaders give a multi-turn prompt, Anthropic's HH-RLHF layout:
 * {@code "\n\nHuman: ...\n\nAssistant: ...\n\nAssistant:"}, ending with the cue of the speaker whose
 * replies are ranked. Using one layout everywhere keeps featurisation comparable across formats.
 */
final class DialogueFormat {
    /** The human speaker label. */
    static final String HUMAN = "Human";
    /** The assistant speaker label. */
    static final String ASSISTANT = "Assistant";
    /** What precedes every assistant turn; the prompt of a pair ends with it. */
    static final String ASSISTANT_CUE = "\n\n" + ASSISTANT + ":";

    private DialogueFormat() {}

    /**
     * Appends one turn.
     * @param dialogue The dialogue so far.
     * @param speaker The speaker label.
     * @param text The turn's text.
     */
    static void appendTurn(StringBuilder dialogue, String speaker, String text) {
        dialogue.append("\n\n").append(speaker).append(": ").append(text);
    }

    /**
     * Appends the cue of the next speaker.
     * @param dialogue The dialogue so far.
     * @param speaker The speaker label.
     */
    static void appendCue(StringBuilder dialogue, String speaker) {
        dialogue.append("\n\n").append(speaker).append(':');
    }
}
