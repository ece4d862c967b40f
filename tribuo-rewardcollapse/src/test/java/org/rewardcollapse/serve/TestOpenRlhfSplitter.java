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
package org.rewardcollapse.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cutting OpenRLHF's queries into prompt and response, on the shapes its versions send: a ChatML prompt followed by
 * the response and its EOS (0.8.3 and later), the same padded on the left and the right (up to 0.8.2), no prompt at
 * all (before 0.6.0).
 */
class TestOpenRlhfSplitter {
    private static final String PROMPT = "<|im_start|>user\nWhat colour is the sky?<|im_end|>\n<|im_start|>assistant\n";
    private final OpenRlhfSplitter splitter = new OpenRlhfSplitter(ServeSettings.DEFAULT_STRIP_TOKENS);

    @Test
    void aQueryThatStartsWithItsPromptIsCutThereAndTheEosLeavesTheResponse() {
        OpenRlhfSplitter.Result result = splitter.split(PROMPT + "It is blue.<|im_end|>", PROMPT);
        assertEquals(OpenRlhfSplitter.Split.PROMPT, result.split());
        assertEquals(new TextPair(PROMPT, "It is blue."), result.pair());
    }

    @Test
    void paddingOnOneSideOnlyIsStrippedBeforeTheCut() {
        OpenRlhfSplitter.Result result = splitter.split("<pad><pad>" + PROMPT + "It is blue.<|im_end|><pad><pad>",
                PROMPT + "<pad>");
        assertEquals(OpenRlhfSplitter.Split.STRIPPED, result.split());
        assertEquals(new TextPair(PROMPT, "It is blue."), result.pair());
    }

    @Test
    void withoutAPromptOrAMatchingOneTheWholeQueryIsTheResponse() {
        assertEquals(new OpenRlhfSplitter.Result(new TextPair("", PROMPT + "It is blue."), OpenRlhfSplitter.Split.WHOLE),
                splitter.split(PROMPT + "It is blue.</s>", null));
        assertEquals(OpenRlhfSplitter.Split.WHOLE, splitter.split("Something else entirely", PROMPT).split());
        assertEquals(OpenRlhfSplitter.Split.WHOLE, splitter.split("An empty prompt cuts nothing", "").split());
    }

    @Test
    void stripRemovesRepeatedTokensAndTheWhitespaceBetweenThemAndNothingElse() {
        assertEquals("\nHello  world", splitter.strip("<s> <pad>\nHello  world</s>\n<pad> "));
        assertEquals("  plain text  ", splitter.strip("  plain text  "));
        assertEquals("", splitter.strip("<pad></s>"));
        assertEquals("a <pad> b", splitter.strip("a <pad> b"));
        assertEquals("<pad>x", new OpenRlhfSplitter(List.of()).strip("<pad>x"));
    }
}
