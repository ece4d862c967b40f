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
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TestLetorSource {
    @TempDir
    Path dir;

    @Test
    void qidGroupsGradedLabelsAndSparseFeatures() throws IOException {
        Path file = TestFiles.write(dir, "train.txt",
                "# a comment line",
                "2 qid:10 1:0.5 3:1.25 # doc a",
                "0 qid:10 1:0 2:0.75",
                "1 qid:11 4:1",
                "1 qid:11 4:2",
                "3 qid:12 1:1");
        LetorSource source = new LetorSource(file);
        List<PromptGroup> groups = source.groups();
        assertEquals(List.of("10", "11", "12"), groups.stream().map(PromptGroup::id).toList());
        assertArrayEquals(new double[]{2, 0}, groups.get(0).scores());
        assertEquals(2, source.report().groupsWithoutPairs(), "a tied query and a one-row query carry no pair");
        assertEquals(1, source.report().pairs());
        List<Example<Regressor>> examples = new ArrayList<>();
        source.forEach(examples::add);
        List<String> names = new ArrayList<>();
        for (Feature f : examples.get(1)) {
            names.add(f.getName() + "=" + f.getValue());
        }
        assertEquals(List.of("f2=0.75"), names, "zero values are left out");
        assertEquals("10", examples.get(0).getMetadataValue("prompt_id").orElseThrow());
    }

    @Test
    void groupSizesFromTheQueryFile() throws IOException {
        Path file = TestFiles.write(dir, "rank.train", "1 1:1", "0 1:2", "2 2:1", "1 2:2", "0 2:3");
        TestFiles.write(dir, "rank.train.query", "2", "3");
        LetorSource source = new LetorSource(file);
        assertEquals(List.of(2, 3), source.groups().stream().map(g -> g.responses().size()).toList());
        assertEquals(List.of("1", "2"), source.groups().stream().map(PromptGroup::id).toList());
        assertEquals(1 + 3, source.report().pairs());
    }

    @Test
    void badRowsAndGroupingsAreNamed() throws IOException {
        Path gap = TestFiles.write(dir, "gap.txt", "1 qid:1 1:1", "0 qid:2 1:1", "1 qid:1 1:2");
        TestFiles.assertBadInput(gap, 3, "qid", "contiguous", () -> new LetorSource(gap));
        Path mixed = TestFiles.write(dir, "mixed.txt", "1 qid:1 1:1", "0 1:1");
        TestFiles.assertBadInput(mixed, 2, "qid", "some rows have qid", () -> new LetorSource(mixed));
        Path token = TestFiles.write(dir, "token.txt", "1 qid:1 1:1 oops");
        TestFiles.assertBadInput(token, 1, "token 4", "expected index:value", () -> new LetorSource(token));
        Path twice = TestFiles.write(dir, "twice.txt", "1 qid:1 3:1 3:2");
        TestFiles.assertBadInput(twice, 1, "f3", "appears twice", () -> new LetorSource(twice));
        Path nan = TestFiles.write(dir, "nan.txt", "NaN qid:1 3:1");
        TestFiles.assertBadInput(nan, 1, "label", "not finite", () -> new LetorSource(nan));
        Path value = TestFiles.write(dir, "value.txt", "1 qid:1 3:abc");
        TestFiles.assertBadInput(value, 1, "f3", "expected a number", () -> new LetorSource(value));
        Path noQuery = TestFiles.write(dir, "noquery.txt", "1 1:1");
        TestFiles.assertBadInput(noQuery, 0, null, "noquery.txt.query does not exist", () -> new LetorSource(noQuery));
        Path sized = TestFiles.write(dir, "sized.txt", "1 1:1", "0 1:2", "1 1:3");
        Path sizes = TestFiles.write(dir, "sizes", "2", "2");
        TestFiles.assertBadInput(sizes, 2, null, "add up to more than the 3 rows", () -> new LetorSource(sized, sizes));
        Path shortSizes = TestFiles.write(dir, "short", "2");
        TestFiles.assertBadInput(shortSizes, 0, null, "add up to 2 but", () -> new LetorSource(sized, shortSizes));
    }
}
