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
package org.rewardcollapse.train;

import java.util.SplittableRandom;

/**
 * A trainer's random source per invocation, as Tribuo's trainers keep it: invocation k trains with the k-th split of
 * a generator seeded with the trainer's seed, so that setting the invocation count replays any invocation exactly.
 * Not thread-safe: the trainer synchronises.
 */
final class InvocationRandom {
    private final long seed;
    private SplittableRandom rng;
    private int count;

    InvocationRandom(long seed) {
        this.seed = seed;
        moveTo(0);
    }

    /**
     * The random source of the next invocation.
     * @return Its own generator, split from the trainer's.
     */
    SplittableRandom next() {
        count++;
        return rng.split();
    }

    /**
     * How many invocations have drawn their source.
     * @return The count.
     */
    int count() {
        return count;
    }

    /**
     * Replays the splits so that the next invocation is number {@code invocationCount}.
     * @param invocationCount The invocations to skip, >= 0.
     */
    void moveTo(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("invocationCount must be >= 0, found " + invocationCount);
        }
        rng = new SplittableRandom(seed);
        for (count = 0; count < invocationCount; count++) {
            rng.split();
        }
    }
}
