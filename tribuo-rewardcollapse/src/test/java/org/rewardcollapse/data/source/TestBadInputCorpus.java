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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.features.ResponseFeaturizer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every loader against a corpus of corrupted inputs: each input either loads completely or fails with one
 * {@link DataFormatException} naming the file (and the line, where there is one), within a time limit; never another
 * exception, a hang or a partial dataset ({@link BadInput}). Mutated copies of the real files are tried by the
 * integration tests.
 */
class TestBadInputCorpus {
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger LOADED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        System.out.printf("bad-input corpus: %d inputs tried, %d loaded completely, %d rejected with a located error%n",
                TRIED.get(), LOADED.get(), REJECTED.get());
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] utf8(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> corpus(DataFormat format) throws IOException {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("empty", new byte[0]);
        cases.put("blank lines", utf8("", "   ", ""));
        cases.put("binary", new byte[]{0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 0, 7});
        cases.put("invalid utf-8", new byte[]{'{', '"', (byte) 0xc3, (byte) 0x28, '"', '}', '\n'});
        cases.put("truncated gzip", Arrays.copyOf(gzip(utf8("{\"a\": 1}", "{\"b\": 2}")), 12));
        switch (format) {
            case RANKED -> {
                String good = "{\"prompt\": \"p\", \"prompt_type\": \"open\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}";
                cases.put("good", utf8(good));
                cases.put("good crlf and bom", ("\uFEFF" + good + "\r\n").getBytes(StandardCharsets.UTF_8));
                cases.put("truncated line", utf8(good, good.substring(0, 40)));
                cases.put("wrong type", utf8(good.replace("\"rank\": 0", "\"rank\": \"zero\"")));
                cases.put("nan score", utf8(good.replace("\"rank\": 0", "\"score\": NaN")));
                cases.put("infinite score", utf8(good.replace("\"rank\": 0", "\"score\": 1e400")));
                cases.put("huge rank", utf8(good.replace("\"rank\": 0", "\"rank\": 99999999999999999999")));
                cases.put("negative rank", utf8(good.replace("\"rank\": 0", "\"rank\": -1")));
                cases.put("duplicate rank", utf8(good.replace("\"rank\": 1", "\"rank\": 0")));
                cases.put("missing rank", utf8(good.replace(", \"rank\": 1", "")));
                cases.put("group of one", utf8("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}]}"));
                cases.put("empty text", utf8(good.replace("\"text\": \"a\"", "\"text\": \"\"")));
                cases.put("missing prompt", utf8(good.replace("\"prompt\": \"p\", ", "")));
                cases.put("unknown prompt type", utf8(good.replace("open", "sonnet")));
                cases.put("duplicate key", utf8(good.replace("{\"prompt\": \"p\"", "{\"prompt\": \"p\", \"prompt\": \"q\"")));
                cases.put("mixed formats", utf8(good, "{\"chosen\": \"a\", \"rejected\": \"b\"}"));
                cases.put("not an object", utf8("[1, 2, 3]"));
                cases.put("enormous text", utf8(good.replace("\"text\": \"a\"", "\"text\": \"" + "word ".repeat(200_000) + "\"")));
            }
            case OASST -> {
                String good = "{\"message_tree_id\": \"t\", \"prompt\": {\"message_id\": \"m\", \"text\": \"q\", \"role\": \"prompter\", \"replies\": ["
                        + "{\"message_id\": \"a\", \"text\": \"x\", \"role\": \"assistant\", \"rank\": 0, \"replies\": []},"
                        + "{\"message_id\": \"b\", \"text\": \"y\", \"role\": \"assistant\", \"rank\": 1, \"replies\": []}]}}";
                cases.put("good", utf8(good));
                cases.put("truncated line", utf8(good.substring(0, good.length() - 5)));
                cases.put("wrong type", utf8(good.replace("\"rank\": 1", "\"rank\": true")));
                cases.put("duplicate rank", utf8(good.replace("\"rank\": 1", "\"rank\": 0")));
                cases.put("missing rank", utf8(good.replace(", \"rank\": 1", "")));
                cases.put("replies not a list", utf8(good.replace("\"replies\": []}]", "\"replies\": 5}]")));
                cases.put("duplicate message id", utf8(good.replace("\"message_id\": \"b\"", "\"message_id\": \"a\"")));
                cases.put("deep nesting", utf8("{\"prompt\": " + "{\"replies\": [".repeat(3000) + "]}".repeat(3000) + "}"));
                cases.put("mixed formats", utf8(good, "{\"prompt\": \"p\", \"responses\": []}"));
            }
            case PAIRS -> {
                String good = "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: hello\", \"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant: go away\"}";
                cases.put("good", utf8(good));
                cases.put("good gzip", gzip(utf8(good, good)));
                cases.put("truncated line", utf8(good.substring(0, 30)));
                cases.put("missing rejected", utf8("{\"chosen\": \"a\"}"));
                cases.put("wrong type", utf8("{\"chosen\": 1, \"rejected\": \"b\"}"));
                cases.put("identical pair", utf8("{\"prompt\": \"p\", \"chosen\": \"a\", \"rejected\": \"a\"}"));
                cases.put("null field", utf8("{\"chosen\": null, \"rejected\": \"b\"}"));
                cases.put("mixed formats", utf8(good, "1 qid:1 1:0.5"));
            }
            case ROLLOUTS -> {
                String good = "{\"prompt\": \"p\", \"completion\": \"a\", \"label\": true}";
                String conversational = "{\"prompt\": [{\"role\": \"user\", \"content\": \"p\"}], \"completion\": "
                        + "[{\"role\": \"assistant\", \"content\": \"b\"}], \"score\": 0}";
                cases.put("good", utf8(good, good.replace("\"a\", \"label\": true", "\"b\", \"label\": false")));
                cases.put("good conversational", utf8(conversational));
                cases.put("truncated line", utf8(good.substring(0, 20)));
                cases.put("no label", utf8("{\"prompt\": \"p\", \"response\": \"a\"}"));
                cases.put("label and score", utf8(good.replace("}", ", \"score\": 1}")));
                cases.put("label not boolean", utf8(good.replace("true", "\"yes\"")));
                cases.put("response and completion", utf8(good.replace("}", ", \"response\": \"c\"}")));
                cases.put("message without role", utf8(conversational.replace("\"role\": \"user\", ", "")));
                cases.put("unknown role", utf8(conversational.replace("\"user\"", "\"wizard\"")));
                cases.put("content not a string", utf8(conversational.replace("\"content\": \"p\"", "\"content\": 5")));
                cases.put("user message as completion", utf8(conversational.replace("\"assistant\"", "\"user\"")));
                cases.put("empty conversation", utf8(conversational.replace("[{\"role\": \"user\", \"content\": "
                        + "\"p\"}]", "[]")));
                cases.put("messages ending with the user", utf8("{\"messages\": [{\"role\": \"user\", \"content\": "
                        + "\"x\"}], \"label\": true}"));
                cases.put("same id, other prompt", utf8("{\"id\": 1, \"prompt\": \"p\", \"response\": \"a\", "
                        + "\"score\": 1}", "{\"id\": 1, \"prompt\": \"q\", \"response\": \"b\", \"score\": 0}"));
                cases.put("mixed labels in a prompt", utf8(good, "{\"prompt\": \"p\", \"completion\": \"b\"}"));
                cases.put("nan score", utf8("{\"prompt\": \"p\", \"response\": \"a\", \"score\": NaN}"));
            }
            case LETOR -> {
                cases.put("good", utf8("2 qid:1 1:0.5 3:1", "0 qid:1 1:0.1 2:0.2", "1 qid:2 2:1", "0 qid:2 1:3"));
                cases.put("nan value", utf8("2 qid:1 1:NaN", "0 qid:1 1:0.1"));
                cases.put("infinite label", utf8("Infinity qid:1 1:1", "0 qid:1 1:0.1"));
                cases.put("huge index", utf8("2 qid:1 99999999999999:1", "0 qid:1 1:0.1"));
                cases.put("bad token", utf8("2 qid:1 1=0.5", "0 qid:1 1:0.1"));
                cases.put("non-contiguous query", utf8("2 qid:1 1:1", "0 qid:2 1:0", "1 qid:1 1:0.5"));
                cases.put("mixed qid", utf8("2 qid:1 1:1", "0 1:0"));
                cases.put("group of one", utf8("2 qid:1 1:1"));
                cases.put("mixed formats", utf8("2 qid:1 1:1", "{\"chosen\": \"a\", \"rejected\": \"b\"}"));
                cases.put("truncated line", utf8("2 qid:1 1:1", "0 qid:1 1:"));
            }
            default -> throw new IllegalStateException(format.toString());
        }
        return cases;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    @Test
    void everyCorruptedInputLoadsOrFailsWithALocatedError() throws IOException {
        for (DataFormat format : DataFormat.values()) {
            for (Map.Entry<String, byte[]> c : corpus(format).entrySet()) {
                String name = format.formatName() + "-" + c.getKey().replace(' ', '-') + ".txt";
                count(BadInput.check(format, write(name, c.getValue()), format + " " + c.getKey()));
            }
        }
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedWithoutReadingItWhole() throws IOException {
        Path file = dir.resolve("long.jsonl");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i <= DataFiles.MAX_LINE_BYTES >> 20; i++) {
                out.write(chunk);
            }
        }
        DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
                () -> new RankedJsonlSource(file, ResponseFeaturizer.defaults()));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("longer than 64 MiB"), e.getMessage());
        TRIED.incrementAndGet();
        REJECTED.incrementAndGet();
    }

    private static void count(BadInput.Outcome outcome) {
        TRIED.incrementAndGet();
        (outcome == BadInput.Outcome.LOADED ? LOADED : REJECTED).incrementAndGet();
    }
}
