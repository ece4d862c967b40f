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

import java.util.Locale;

/**
 * What loading and training cost in heap, said before the work starts: about {@value #BYTES_PER_RESPONSE} bytes per
 * response with the default featuriser (the text, its hashed-word features, the example and what training adds; one
 * million prompts of two responses did not fit in 6 GiB). Data that cannot fit in the heap this JVM may use is refused
 * up front, instead of running out of memory after minutes of garbage collection.
 */
public final class HeapBudget {
    /** Heap per response, in bytes, with the default featuriser (embeddings add about 40 bytes per dimension). */
    public static final long BYTES_PER_RESPONSE = 3_000;

    private HeapBudget() {}

    /**
     * Refuses work on more responses than the heap can hold.
     * @param responses The number of responses.
     * @param what What holds them, for the message (a file, a generated benchmark).
     * @throws IllegalStateException If they cannot fit, saying how much heap they need.
     */
    public static void requireRoomFor(long responses, Object what) {
        long max = Runtime.getRuntime().maxMemory();
        long need = responses > Long.MAX_VALUE / BYTES_PER_RESPONSE ? Long.MAX_VALUE : responses * BYTES_PER_RESPONSE;
        if (need > max) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: %,d responses need about %,.1f GiB of "
                    + "heap (about %,d bytes each), more than the %,.1f GiB this JVM may use; give Java more "
                    + "(java -Xmx%dg ...) or use less data", what, responses, need / (double) (1L << 30),
                    BYTES_PER_RESPONSE, max / (double) (1L << 30), Math.max(1, need / (1L << 30) + 1)));
        }
    }
}
