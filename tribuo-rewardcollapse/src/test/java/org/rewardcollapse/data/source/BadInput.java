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

import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The loaders' contract for bad input, as a test helper (the integration tests use it too): a file either loads
 * completely or fails with one {@link DataFormatException} of one line naming the file (and the line, where there is
 * one), within 20 seconds; never another exception, a hang or a partial dataset.
 */
public final class BadInput {
    /** How a file that keeps the contract ended. */
    public enum Outcome {
        /** Every example of the file was loaded. */
        LOADED,
        /** It was refused with a located error. */
        REJECTED
    }

    private BadInput() {}

    /**
     * Loads a file in a format and checks the outcome.
     * @param format The format.
     * @param file The file.
     * @param label What the file is, for failure messages.
     * @return How it ended.
     */
    public static Outcome check(DataFormat format, Path file, String label) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                RankingDataSource source = format == DataFormat.LETOR ? new LetorSource(file)
                        : format.open(file, ResponseFeaturizer.defaults());
                MutableDataset<Regressor> data = new MutableDataset<>(source);
                assertEquals(source.report().responses(), data.size(), label + ": the whole file or nothing");
                assertEquals(source.report().groups(), source.groups().size(), label);
                return Outcome.LOADED;
            } catch (DataFormatException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), label + ": names the file: " + e.getMessage());
                assertTrue(e.line() <= 0 || e.getMessage().contains(", line " + e.line()), label + ": " + e.getMessage());
                assertEquals(1, e.getMessage().lines().count(), label + ": one line");
                return Outcome.REJECTED;
            } catch (Throwable t) {
                return fail(label + ": " + format + " threw " + t + " instead of a DataFormatException");
            }
        }, label);
    }
}
