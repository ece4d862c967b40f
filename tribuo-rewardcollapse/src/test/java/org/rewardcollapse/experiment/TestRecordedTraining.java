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
package org.rewardcollapse.experiment;

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.io.ProvenanceSerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.source.LetorSource;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.provenance.DataProvenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reproduction rebuilds a run's data source and trainer from its recorded provenance, which is data from anywhere:
 * only known classes are rebuilt, and no file is read but the recorded data files, whose hashes are checked first.
 */
class TestRecordedTraining {
    @TempDir
    Path dir;

    @Test
    void aRecordedTrainerWithAnUnknownPartIsRefusedBeforeAnythingIsMade() throws ProvenanceSerializationException {
        JsonProvenanceSerialization json = new JsonProvenanceSerialization(false);
        String recorded = json.marshalAndSerialize(LinearRewardTrainer.builder().build().getProvenance());
        assertTrue(recorded.contains("org.rewardcollapse.train.Adam"), recorded);
        ObjectProvenance hostile = json.deserializeAndUnmarshal(recorded.replace("org.rewardcollapse.train.Adam",
                "org.tribuo.data.text.impl.SimpleTextDataSource"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordedTraining.rebuild(hostile, Trainer.class));
        assertTrue(e.getMessage().contains("SimpleTextDataSource, which is not one of the parts"), e.getMessage());
        Trainer<?> rebuilt = RecordedTraining.rebuild(json.deserializeAndUnmarshal(recorded), Trainer.class);
        assertEquals(LinearRewardTrainer.class, rebuilt.getClass());
    }

    @Test
    void aLetorGroupSizeFileIsCheckedAgainstItsRecordedHash() throws IOException {
        Path data = dir.resolve("rows.txt");
        Path sizes = dir.resolve("sizes.txt");
        Files.writeString(data, "2 1:1 2:0.5\n1 1:0.5 2:1\n0 1:0.2 2:0.1\n1 1:1\n0 2:1\n");
        Files.writeString(sizes, "3\n2\n");
        DataProvenance source = new MutableDataset<>(new LetorSource(data, sizes)).getProvenance().getSourceProvenance();
        assertTrue(RecordedTraining.dataFileProblem(source).isEmpty());
        Files.writeString(sizes, "2\n3\n");
        String problem = RecordedTraining.dataFileProblem(source).orElseThrow();
        assertTrue(problem.startsWith("the group-size file " + sizes + " changed since the run"), problem);
    }
}
