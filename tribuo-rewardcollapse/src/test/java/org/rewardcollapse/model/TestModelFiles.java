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
package org.rewardcollapse.model;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model files: corrupt, truncated, foreign and hostile files give one clear error; nothing is ever read with Java
 * deserialization; a model read back predicts exactly as written.
 */
class TestModelFiles {
    @TempDir
    static Path dir;

    private static MutableDataset<Regressor> data;
    private static RewardModel model;
    private static Path good;

    @BeforeAll
    static void train() throws IOException {
        data = new MutableDataset<>(new SyntheticRankingSource(20, 0.5, 1L, ResponseFeaturizer.defaults()));
        model = MlpRewardTrainer.builder().hiddenSizes(4).epochs(1).build().train(data);
        good = dir.resolve("good.tribuo");
        ModelFiles.write(model, good);
    }

    private static String rejected(Path file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.readRewardModel(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void roundTripPredictsExactly() {
        RewardModel read = ModelFiles.readRewardModel(good);
        assertArrayEquals(model.predict(data).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray(),
                read.predict(data).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray(), 0.0);
    }

    @Test
    void truncatedAndCorruptFilesAreRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        List<Path> files = new ArrayList<>();
        for (int cut : new int[]{0, 1, 7, bytes.length / 3, bytes.length / 2, bytes.length - 1}) {
            Path file = dir.resolve("cut-" + cut + ".tribuo");
            Files.write(file, Arrays.copyOf(bytes, cut));
            files.add(file);
        }
        java.util.Random random = new java.util.Random(9);
        for (int flip = 0; flip < 30; flip++) {
            byte[] corrupt = bytes.clone();
            for (int k = 0; k < 8; k++) {
                corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Path file = dir.resolve("flip-" + flip + ".tribuo");
            Files.write(file, corrupt);
            files.add(file);
        }
        int rejected = 0;
        for (Path file : files) {
            try {
                ModelFiles.readRewardModel(file);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected >= 6, "every truncated file is rejected");
        assertTrue(rejected(dir.resolve("missing.tribuo")).contains("no such model file"));
    }

    @Test
    void javaSerializedBytesAreNeverDeserialized() throws IOException {
        Path file = dir.resolve("java.tribuo");
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(new ArrayList<>(List.of("a gadget chain would go here")));
        }
        assertTrue(rejected(file).contains("not a Tribuo model file"));
    }

    @Test
    void aFileNamingAnyOtherClassIsRefusedBeforeLoading() throws IOException {
        for (String className : new String[]{"java.lang.Runtime", "javax.script.ScriptEngineManager",
                "org.tribuo.regression.sgd.linear.LinearSGDModel"}) {
            Path file = dir.resolve(className + ".tribuo");
            ModelProto proto = ModelProto.newBuilder().setVersion(0).setClassName(className)
                    .setSerializedData(Any.newBuilder().setTypeUrl("x/y").setValue(ByteString.copyFromUtf8("z"))).build();
            try (OutputStream out = Files.newOutputStream(file)) {
                proto.writeTo(out);
            }
            assertTrue(rejected(file).contains("not a reward model of this project"));
        }
        Path hostile = dir.resolve("hostile.tribuo");
        try (OutputStream out = Files.newOutputStream(hostile)) {
            ModelProto.newBuilder().setClassName("java.lang.ProcessBuilder").setSerializedData(Any.getDefaultInstance())
                    .build().writeTo(out);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.readRegressionModel(hostile));
        assertTrue(e.getMessage().contains("refusing to load it"), e.getMessage());
    }
}
