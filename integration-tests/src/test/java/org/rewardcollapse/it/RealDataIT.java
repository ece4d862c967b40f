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
package org.rewardcollapse.it;

import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.LetorSource;
import org.rewardcollapse.data.source.OasstTreeSource;
import org.rewardcollapse.data.source.PairwiseJsonlSource;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loaders on the real files in ../shared/data: the counts their README states. */
class RealDataIT {

    @Test
    void openAssistantTreesGive212RankedGroups() {
        Path file = SharedData.file("oasst_en_100_tree.jsonl");
        assertEquals(DataFormat.OASST, DataFormat.detect(file));
        OasstTreeSource source = new OasstTreeSource(file, ResponseFeaturizer.defaults());
        assertEquals(212, source.report().groups());
        assertEquals(38, source.groups().stream().filter(g -> g.responses().size() >= 4).count());
        assertEquals(641, source.report().responses());
        for (PromptGroup group : source.groups()) {
            assertTrue(group.prompt().startsWith("\n\nHuman: ") && group.prompt().endsWith("\n\nAssistant:"), group.prompt());
        }
        RankingGroups view = RankingGroups.of(new MutableDataset<>(source));
        assertEquals(212, view.size());
        assertEquals(source.report().pairs(), view.numPairs());
    }

    @Test
    void hhRlhfHarmlessGives2312Pairs() {
        Path file = SharedData.file("hh_rlhf_harmless_test.jsonl.gz");
        assertEquals(DataFormat.PAIRS, DataFormat.detect(file));
        PairwiseJsonlSource source = new PairwiseJsonlSource(file, ResponseFeaturizer.defaults());
        assertEquals(2312, source.report().groups());
        assertEquals(2312, source.report().pairs());
        for (PromptGroup group : source.groups()) {
            assertTrue(group.prompt().endsWith("\n\nAssistant:"), group.id());
        }
    }

    @Test
    void letorTrainAndTestGroupsAndRows() {
        Path train = SharedData.file("letor_rank.train");
        Path test = SharedData.file("letor_rank.test");
        assertEquals(DataFormat.LETOR, DataFormat.detect(train));
        LetorSource trainSource = new LetorSource(train);
        assertEquals(201, trainSource.report().groups());
        assertEquals(3005, trainSource.report().responses());
        LetorSource testSource = new LetorSource(test);
        assertEquals(50, testSource.report().groups());
        assertEquals(768, testSource.report().responses());
        MutableDataset<Regressor> data = new MutableDataset<>(trainSource);
        assertEquals(3005, data.size());
        RankingGroups view = RankingGroups.of(data);
        assertEquals(201, view.size() + view.singletonGroups() + view.tiedGroups());
        assertEquals(trainSource.report().groupsWithoutPairs(), view.singletonGroups() + view.tiedGroups());
    }
}
