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
package org.rewardcollapse.serve;

import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.tribuo.Example;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.regression.Regressor;
import org.tribuo.util.tokens.universal.UniversalTokenizer;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scorer for the server's own behaviour (queueing, overload, shutdown, a failing request): each response's reward
 * is its number of distinct words, a response holding the word {@value #UNKNOWN} has no feature the "model" knows, and
 * scoring can be held at a gate so that requests stay in flight.
 */
final class GatedScorer extends TextRewardScorer {
    /** A word no feature of the "model" has. */
    static final String UNKNOWN = "xyzzy";

    private final CountDownLatch gate;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicInteger batches = new AtomicInteger();

    /**
     * A scorer.
     * @param gated True to hold every scoring call until {@link #open()}.
     */
    GatedScorer(boolean gated) {
        super("gated", Optional.of(new ResponseFeaturizer(new TokenPipeline(new UniversalTokenizer(), 1, false, -1),
                false, true, false, true)), List.of());
        this.gate = new CountDownLatch(gated ? 1 : 0);
    }

    /** Lets every held and later scoring call through. */
    void open() {
        gate.countDown();
    }

    /**
     * Waits until a scoring call has started.
     * @throws InterruptedException If interrupted.
     */
    void awaitScoring() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no scoring call started within 10 s");
        }
    }

    /**
     * Scoring calls so far.
     * @return The count.
     */
    int batches() {
        return batches.get();
    }

    @Override
    boolean knowsFeature(String featureName) {
        return !featureName.contains(UNKNOWN);
    }

    @Override
    TextRewards scoreExamples(List<Example<Regressor>> examples) {
        batches.incrementAndGet();
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate stayed shut for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double[] rewards = new double[examples.size()];
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = examples.get(i).size();
        }
        return new TextRewards(rewards, null);
    }

    @Override
    public String modelDescription() {
        return "words counted";
    }

    @Override
    public String device() {
        return "test";
    }

    @Override
    public int numFeatures() {
        return 0;
    }

    @Override
    public boolean hasSpread() {
        return false;
    }
}
