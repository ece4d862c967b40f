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

import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.util.tokens.universal.UniversalTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Data the trainer tests make themselves.
 */
public final class RankingFixtures {
    private RankingFixtures() {}

    /**
     * The paper's truncation benchmark, 14 prompts, with each score made noisy (a Gaussian of half the prompt's best
     * score), so that penalties' held-out accuracies differ (the benchmark's scores alone are ordered by length,
     * which every penalty learns).
     * @return The groups, to write as ranked JSONL and read with the default featuriser (hashed words and lengths).
     */
    public static List<PromptGroup> noisyTruncationGroups() {
        Random random = new Random(9L);
        return TruncationBenchmark.generate(14, 0.5, 9L).stream().map(g -> {
            double noise = 0.5 * g.responses().stream().mapToDouble(ScoredResponse::score).max().orElseThrow();
            return new PromptGroup(g.id(), g.prompt(), g.promptType(), g.responses().stream().map(r ->
                    new ScoredResponse(r.text(), r.score() + noise * random.nextGaussian(), r.features(),
                            r.embedding(), r.line())).toList(), g.line());
        }).toList();
    }

    /**
     * Random groups whose score is a noisy linear function of a few dense-ish features, with types "a" and "b".
     */
    static MutableDataset<Regressor> randomGroups(int groups, int n, long seed) {
        Random random = new Random(seed);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("random groups", factory), factory);
        double[] truth = {1.0, -0.5, 0.8, 0.0, 0.3};
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < n; i++) {
                List<Feature> features = new ArrayList<>();
                double score = 0.0;
                for (int f = 0; f < truth.length; f++) {
                    if (random.nextDouble() < 0.8) {
                        double value = random.nextGaussian();
                        features.add(new Feature("f" + f, value));
                        score += truth[f] * value;
                    }
                }
                features.add(new Feature("group-" + (g % 3), 1.0));
                score += 0.1 * random.nextGaussian();
                Example<Regressor> example = RankingMetadata.example("g" + g, g % 2 == 0 ? "a" : "b", score, features,
                        RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
                data.add(example);
            }
        }
        return data;
    }

    /**
     * The paper's truncation benchmark with prompt features and the response length features only (what the
     * interpolating regime needs to see; response words would only add noise).
     */
    static MutableDataset<Regressor> truncationBenchmark(int prompts, long seed) {
        return new MutableDataset<>(new SyntheticRankingSource(prompts, 0.5, seed, truncationFeaturizer()));
    }

    /** Prompt words hashed into 64 buckets and the response length features. */
    static ResponseFeaturizer truncationFeaturizer() {
        return new ResponseFeaturizer(new TokenPipeline(new UniversalTokenizer(), 1, true, 64), true, false, true, true);
    }
}
