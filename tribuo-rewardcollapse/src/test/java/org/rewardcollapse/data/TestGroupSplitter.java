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
package org.rewardcollapse.data;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.dataset.DatasetView;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestGroupSplitter {

    private static MutableDataset<Regressor> dataset(int groups) {
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("test", new RegressionFactory()),
                new RegressionFactory());
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i <= g % 5; i++) {
                data.add(TestRankingGroups.example("g" + g, null, i));
            }
        }
        return data;
    }

    private static Set<Object> groupIds(DatasetView<Regressor> view) {
        Set<Object> ids = new HashSet<>();
        for (Example<Regressor> e : view) {
            ids.add(e.getMetadataValue("prompt_id").orElseThrow());
        }
        return ids;
    }

    @Test
    void noPromptGroupIsSplitAndEveryExampleLandsOnce() {
        MutableDataset<Regressor> data = dataset(50);
        GroupSplitter.Split<Regressor> split = GroupSplitter.trainTest(data, 0.8, 42);
        Set<Object> train = groupIds(split.train());
        Set<Object> test = groupIds(split.test());
        assertEquals(40, train.size());
        assertEquals(10, test.size());
        assertTrue(train.stream().noneMatch(test::contains));
        assertEquals(data.size(), split.train().size() + split.test().size());
        Set<Integer> all = new HashSet<>();
        for (int i : split.train().getExampleIndices()) {
            assertTrue(all.add(i));
        }
        for (int i : split.test().getExampleIndices()) {
            assertTrue(all.add(i));
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        MutableDataset<Regressor> data = dataset(50);
        int[] a = GroupSplitter.trainTest(data, 0.7, 1).test().getExampleIndices();
        int[] b = GroupSplitter.trainTest(data, 0.7, 1).test().getExampleIndices();
        int[] c = GroupSplitter.trainTest(data, 0.7, 2).test().getExampleIndices();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void kFoldTestSidesPartitionTheGroups() {
        MutableDataset<Regressor> data = dataset(23);
        List<GroupSplitter.Split<Regressor>> folds = GroupSplitter.kFold(data, 5, 3, "prompt_id");
        Set<Object> seen = new HashSet<>();
        for (GroupSplitter.Split<Regressor> fold : folds) {
            Set<Object> test = groupIds(fold.test());
            assertTrue(groupIds(fold.train()).stream().noneMatch(test::contains));
            for (Object id : test) {
                assertTrue(seen.add(id), "group in two test folds: " + id);
            }
        }
        assertEquals(23, seen.size());
    }

    @Test
    void invalidArgumentsAreRejected() {
        MutableDataset<Regressor> data = dataset(3);
        assertThrows(IllegalArgumentException.class, () -> GroupSplitter.trainTest(data, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> GroupSplitter.kFold(data, 4, 1, "prompt_id"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GroupSplitter.trainTest(data, 0.5, 1, "missing"));
        assertTrue(e.getMessage().contains("no 'missing' metadata"), e.getMessage());
        assertEquals(Set.of("g0", "g1", "g2"), data.getData().stream()
                .map(x -> x.getMetadataValue("prompt_id").orElseThrow()).collect(Collectors.toSet()));
    }
}
