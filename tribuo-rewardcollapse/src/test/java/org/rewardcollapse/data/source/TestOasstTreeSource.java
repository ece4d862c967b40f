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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TestOasstTreeSource {
    @TempDir
    Path dir;

    private static String message(String id, String role, String text, Integer rank, String... replies) {
        return "{\"message_id\": \"" + id + "\", \"role\": \"" + role + "\", \"text\": \"" + text + "\""
                + (rank == null ? ", \"rank\": null" : ", \"rank\": " + rank)
                + ", \"replies\": [" + String.join(", ", replies) + "]}";
    }

    @Test
    void everyRankedSiblingSetIsAGroupWithTheConversationAsPrompt() throws IOException {
        String deep = message("m3", "prompter", "Why?", 0,
                message("a3", "assistant", "Because.", 1), message("a4", "assistant", "Since it is so.", 0));
        String root = message("m1", "prompter", "Hello", null,
                message("a1", "assistant", "Hi there", 0, deep),
                message("a2", "assistant", "Hey", 1),
                message("a0", "assistant", "Unranked", null));
        Path file = TestFiles.write(dir, "trees.jsonl",
                "{\"message_tree_id\": \"t1\", \"prompt\": " + root + "}",
                "{\"message_tree_id\": \"t2\", \"prompt\": " + message("m9", "prompter", "Alone", null,
                        message("a9", "assistant", "only one ranked", 0)) + "}");
        OasstTreeSource source = new OasstTreeSource(file, ResponseFeaturizer.defaults());
        List<PromptGroup> groups = source.groups();
        assertEquals(2, groups.size());
        PromptGroup first = groups.get(0);
        assertEquals("m1", first.id());
        assertEquals("\n\nHuman: Hello\n\nAssistant:", first.prompt());
        assertEquals(List.of("Hi there", "Hey"), first.responses().stream().map(ScoredResponse::text).toList());
        assertArrayEquals(new double[]{1, 0}, first.scores());
        PromptGroup second = groups.get(1);
        assertEquals("m3", second.id(), "a1's single ranked reply forms no group; m3's two ranked replies do");
        assertEquals("\n\nHuman: Hello\n\nAssistant: Hi there\n\nHuman: Why?\n\nAssistant:", second.prompt());
        assertArrayEquals(new double[]{0, 1}, second.scores());
        assertEquals(4, source.report().responses());
        assertEquals(List.of("2 sibling sets with a single ranked reply", "1 unranked replies beside ranked siblings"),
                source.report().skipped());
    }

    @Test
    void nestedGroupPromptIsTheWholeDialogue() throws IOException {
        String leaf = message("p2", "prompter", "Why?", null,
                message("b1", "assistant", "Because.", 1), message("b2", "assistant", "Since it is so.", 0));
        String root = message("m1", "prompter", "Hello", null,
                message("a1", "assistant", "Hi there", 0, leaf), message("a2", "assistant", "Hey", 1));
        Path file = TestFiles.write(dir, "tree.jsonl", "{\"prompt\": " + root + "}");
        PromptGroup nested = new OasstTreeSource(file, ResponseFeaturizer.defaults()).groups().get(1);
        assertEquals("p2", nested.id());
        assertEquals("\n\nHuman: Hello\n\nAssistant: Hi there\n\nHuman: Why?\n\nAssistant:", nested.prompt());
        assertArrayEquals(new double[]{0, 1}, nested.scores());
    }

    @Test
    void badTreesNameLineAndField() throws IOException {
        String badRole = message("m1", "prompter", "Hello", null,
                message("a1", "robot", "x", 0), message("a2", "assistant", "y", 1));
        Path roleFile = TestFiles.write(dir, "role.jsonl", "{\"prompt\": " + badRole + "}");
        TestFiles.assertBadInput(roleFile, 1, "prompt.replies[0].role", "unknown role 'robot'",
                () -> new OasstTreeSource(roleFile, ResponseFeaturizer.defaults()));
        String dupRank = message("m1", "prompter", "Hello", null,
                message("a1", "assistant", "x", 0), message("a2", "assistant", "y", 0));
        Path rankFile = TestFiles.write(dir, "rank.jsonl", "{\"prompt\": " + dupRank + "}");
        TestFiles.assertBadInput(rankFile, 1, "prompt.replies[1].rank", "duplicate rank",
                () -> new OasstTreeSource(rankFile, ResponseFeaturizer.defaults()));
        Path noPrompt = TestFiles.write(dir, "none.jsonl", "{\"message_tree_id\": \"x\"}");
        TestFiles.assertBadInput(noPrompt, 1, "prompt", "missing", () -> new OasstTreeSource(noPrompt, ResponseFeaturizer.defaults()));
    }
}
