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
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rollouts format and TRL's dataset formats (standard and conversational), read as TRL's docs define them. */
class TestRolloutsAndTrlFormats {
    private static final ReadOptions UNLABELLED = ReadOptions.DEFAULT.withOptionalLabels();

    @TempDir
    Path dir;

    private static List<String> texts(PromptGroup group) {
        return group.responses().stream().map(ScoredResponse::text).toList();
    }

    private RankingDataSource load(Path file, ReadOptions options) {
        return DataFormat.detect(file).open(file, ResponseFeaturizer.defaults(), options);
    }

    @Test
    void rolloutsGatherAPromptsLinesWhereverTheyStandAndKeepEachLine() throws IOException {
        Path file = TestFiles.write(dir, "r.jsonl",
                "{\"prompt\": \"Name a colour\", \"response\": \"Red\"}",
                "{\"prompt\": \"Capital of France?\", \"completion\": \"Paris\", \"prompt_type\": \"closed\"}",
                "{\"prompt\": \"Name a colour\", \"response\": \"Blue, or green\"}",
                "{\"id\": 7, \"prompt\": \"Name a colour\", \"response\": \"Teal\"}");
        assertEquals(DataFormat.ROLLOUTS, DataFormat.detect(file));
        RankingDataSource source = load(file, UNLABELLED);
        List<PromptGroup> groups = source.groups();
        assertEquals(List.of("1", "2", "7"), groups.stream().map(PromptGroup::id).toList(), "first line or id");
        assertEquals(List.of("Red", "Blue, or green"), texts(groups.get(0)));
        assertEquals(List.of(1L, 3L), groups.get(0).responses().stream().map(ScoredResponse::line).toList());
        assertEquals("closed", groups.get(1).promptType());
        assertTrue(Double.isNaN(groups.get(0).scores()[0]), "unlabelled");
        MutableDataset<Regressor> data = new MutableDataset<>(source);
        assertEquals(4, data.getOutputInfo().getUnknownCount(), "Tribuo's unknown output: training refuses it");
        assertEquals(0, source.report().pairs());
    }

    @Test
    void trainingAndEvaluationNeedLabelsAndSaySoNamingTheLine() throws IOException {
        Path file = TestFiles.write(dir, "r.jsonl", "{\"prompt\": \"p\", \"response\": \"a\", \"score\": 1}",
                "{\"prompt\": \"q\", \"response\": \"b\"}");
        TestFiles.assertBadInput(file, 2, null, "has neither 'score' nor 'label' (training and evaluation need a "
                + "label on every response)", () -> load(file, ReadOptions.DEFAULT));
        Path mixed = TestFiles.write(dir, "m.jsonl", "{\"prompt\": \"p\", \"response\": \"a\", \"score\": 1}",
                "{\"prompt\": \"p\", \"response\": \"b\"}");
        TestFiles.assertBadInput(mixed, 2, null, "label all of a prompt's responses or none",
                () -> load(mixed, UNLABELLED));
        Path ranked = TestFiles.write(dir, "u.jsonl", "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\"}]}");
        TestFiles.assertBadInput(ranked, 1, "responses[0]", "neither 'rank' nor 'score' (training and evaluation need",
                () -> load(ranked, ReadOptions.DEFAULT));
        PromptGroup one = load(ranked, UNLABELLED).groups().get(0);
        assertEquals(List.of("a"), texts(one), "a prompt of one unlabelled response is scored");
    }

    @Test
    void unpairedPreferenceLabelsScoreOneAndZeroAndPairWithinAPrompt() throws IOException {
        Path file = TestFiles.write(dir, "kto.jsonl",
                "{\"prompt\": \"The sky is\", \"completion\": \" blue.\", \"label\": true}",
                "{\"prompt\": \"The sky is\", \"completion\": \" green.\", \"label\": false}",
                "{\"prompt\": \"Grass is\", \"completion\": \" green.\", \"label\": true}");
        RankingDataSource source = load(file, ReadOptions.DEFAULT);
        assertArrayEquals(new double[]{1, 0}, source.groups().get(0).scores());
        assertEquals(1, source.report().pairs(), "a prompt with one completion has no pair");
        Path both = TestFiles.write(dir, "both.jsonl", "{\"prompt\": \"p\", \"completion\": \"a\", \"label\": true, "
                + "\"score\": 2}");
        TestFiles.assertBadInput(both, 1, "label", "given beside 'score'", () -> load(both, ReadOptions.DEFAULT));
        Path notBoolean = TestFiles.write(dir, "nb.jsonl", "{\"prompt\": \"p\", \"completion\": \"a\", \"label\": 1}");
        TestFiles.assertBadInput(notBoolean, 1, "label", "expected true or false", () -> load(notBoolean,
                ReadOptions.DEFAULT));
    }

    @Test
    void conversationalPromptsAndCompletionsAreRenderedByTheChatTemplate() throws IOException {
        Path file = TestFiles.write(dir, "c.jsonl",
                "{\"prompt\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": "
                        + "\"What color is the sky?\"}], \"completion\": [{\"role\": \"assistant\", \"content\": \"It is "
                        + "blue.\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": "
                        + "\"Hello!\"}]}");
        List<PromptGroup> hh = load(file, UNLABELLED).groups();
        assertEquals("\n\nSystem: Be brief.\n\nHuman: What color is the sky?\n\nAssistant:", hh.get(0).prompt());
        assertEquals(List.of("It is blue."), texts(hh.get(0)));
        assertEquals("\n\nHuman: Hi\n\nAssistant:", hh.get(1).prompt());
        assertEquals(List.of("Hello!"), texts(hh.get(1)));
        List<PromptGroup> chatml = load(file, UNLABELLED.withChatTemplate(ChatTemplate.CHATML)).groups();
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat color is the sky?<|im_end|>\n"
                + "<|im_start|>assistant\n", chatml.get(0).prompt());
        Path badRole = TestFiles.write(dir, "role.jsonl", "{\"prompt\": [{\"role\": \"wizard\", \"content\": \"x\"}], "
                + "\"completion\": \"y\"}");
        TestFiles.assertBadInput(badRole, 1, "prompt[0].role", "expected system, user, assistant or tool",
                () -> load(badRole, UNLABELLED));
        Path notAssistant = TestFiles.write(dir, "na.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": "
                + "\"Hi\"}]}");
        TestFiles.assertBadInput(notAssistant, 1, "messages", "does not end with an assistant message",
                () -> load(notAssistant, UNLABELLED));
    }

    @Test
    void trlPreferencePairsWithExplicitOrImplicitPromptsStandardOrConversational() throws IOException {
        Path file = TestFiles.write(dir, "p.jsonl",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\", \"rejected\": \" green.\"}",
                "{\"chosen\": \"The sky is blue.\", \"rejected\": \"The sky is green.\"}",
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"What color is the sky?\"}], \"chosen\": [{\"role\": "
                        + "\"assistant\", \"content\": \"It is blue.\"}], \"rejected\": [{\"role\": \"assistant\", "
                        + "\"content\": \"It is green.\"}]}",
                "{\"chosen\": [{\"role\": \"user\", \"content\": \"What color is the sky?\"}, {\"role\": \"assistant\", "
                        + "\"content\": \"It is blue.\"}], \"rejected\": [{\"role\": \"user\", \"content\": \"What color "
                        + "is the sky?\"}, {\"role\": \"assistant\", \"content\": \"It is green.\"}]}");
        assertEquals(DataFormat.PAIRS, DataFormat.detect(file));
        List<PromptGroup> groups = load(file, ReadOptions.DEFAULT).groups();
        assertEquals("The sky is", groups.get(0).prompt());
        assertEquals(List.of("blue.", "green."), texts(groups.get(0)));
        assertEquals("The sky is ", groups.get(1).prompt(), "TRL's implicit prompt: the common words");
        assertEquals(List.of("blue.", "green."), texts(groups.get(1)));
        String sky = "\n\nHuman: What color is the sky?\n\nAssistant:";
        assertEquals(sky, groups.get(2).prompt());
        assertEquals(List.of("It is blue.", "It is green."), texts(groups.get(2)));
        assertEquals(sky, groups.get(3).prompt(), "the common messages are the prompt");
        assertEquals(List.of("It is blue.", "It is green."), texts(groups.get(3)));
        for (PromptGroup g : groups) {
            assertArrayEquals(new double[]{1, 0}, g.scores());
        }
    }

    @Test
    void stepwiseSupervisionIsRefusedWithTheReason() throws IOException {
        Path file = TestFiles.write(dir, "s.jsonl", "{\"prompt\": \"Which is larger, 9.8 or 9.11?\", \"completions\": "
                + "[\"a\", \"b\"], \"labels\": [true, false]}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFormat.detect(file));
        assertTrue(e.getMessage().contains("stepwise-supervision format labels reasoning steps"), e.getMessage());
    }

    @Test
    void aSparkLineParserReadsEachRolloutAsAGroupAndNeedsLabelsOnlyWhenTold() {
        String line = "{\"id\": \"r7\", \"prompt\": \"p\", \"response\": \"a\"}";
        List<PromptGroup> groups = new JsonlLineParser(DataFormat.ROLLOUTS, false).parse("f.jsonl", 3, line);
        assertEquals(1, groups.size());
        assertEquals("r7", groups.get(0).id());
        assertTrue(Double.isNaN(groups.get(0).scores()[0]));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new JsonlLineParser(DataFormat.ROLLOUTS).parse("f.jsonl", 3, line));
        assertTrue(e.getMessage().startsWith("f.jsonl, line 3"), e.getMessage());
    }
}
