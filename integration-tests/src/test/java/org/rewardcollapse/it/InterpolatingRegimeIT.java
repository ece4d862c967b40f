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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.eval.RewardProfiles.ClassProfile;
import org.rewardcollapse.eval.RewardProfiles;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.theory.InterpolatingSolver;
import org.rewardcollapse.theory.Profiles;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.LearningRateSchedule;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;
import org.rewardcollapse.utility.Utilities;
import org.tribuo.MutableDataset;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.regression.Regressor;
import org.tribuo.util.tokens.universal.UniversalTokenizer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paper's experiment in small: an MLP trained to convergence on the truncation benchmark reaches the
 * interpolating regime. With a fixed utility both prompt classes end on that utility's optimum (the collapse);
 * with the prompt-aware utility each class ends on its own utility's optimum and the classes differ (the fix).
 */
class InterpolatingRegimeIT {
    private static final double TOLERANCE = 0.05;
    private static MutableDataset<Regressor> data;

    @BeforeAll
    static void generate() {
        // Prompt words and the response length: what the interpolating regime needs to see (response words are noise).
        ResponseFeaturizer featurizer = new ResponseFeaturizer(new TokenPipeline(new UniversalTokenizer(), 1, true, 64),
                true, false, true, true);
        data = new MutableDataset<>(new SyntheticRankingSource(512, 0.5, 7L, featurizer));
    }

    private static Map<String, ClassProfile> train(String policy) {
        RewardModel model = MlpRewardTrainer.builder().hiddenSizes(64).activation(Activation.TANH)
                .objective(RankingObjective.of(policy, true)).optimiser(new Adam(0.01)).epochs(300).minibatchSize(16)
                .schedule(0, LearningRateSchedule.Decay.COSINE).seed(1L).build().train(data);
        List<GroupRewards> groups = ScoredGroups.predict(model, data);
        Map<String, List<GroupRewards>> byType = groups.stream().collect(Collectors.groupingBy(
                g -> g.type().orElseThrow(), TreeMap::new, Collectors.toList()));
        Map<String, ClassProfile> profiles = new TreeMap<>();
        byType.forEach((type, list) -> profiles.put(type, RewardProfiles.classProfile(list, 8, false)));
        return profiles;
    }

    private static double theoryDistance(ClassProfile profile, String utility) {
        return Profiles.supDistance(profile.mean(),
                new InterpolatingSolver().solve(Utilities.parseForTraining(utility), 8).rewards());
    }

    @Test
    void collapsesToTheoreticalOptimumUnderFixedUtility() {
        Map<String, ClassProfile> profiles = train("inverse");
        assertEquals(2, profiles.size());
        for (Map.Entry<String, ClassProfile> e : profiles.entrySet()) {
            double distance = theoryDistance(e.getValue(), "inverse");
            assertTrue(distance <= TOLERANCE, () -> e.getKey() + " is " + distance + " from the inverse optimum");
        }
        double gap = RewardProfiles.collapseGap(profiles);
        assertTrue(gap <= TOLERANCE, "the classes collapse together, gap " + gap);
        System.out.printf(Locale.ROOT, "interpolating regime, inverse for every prompt: collapse gap %.4f%n", gap);
    }

    @Test
    void promptAwareUtilityKeepsClassesApart() {
        Map<String, ClassProfile> profiles = train("open=inverse,closed=linear");
        double open = theoryDistance(profiles.get(TruncationBenchmark.OPEN), "inverse");
        double closed = theoryDistance(profiles.get(TruncationBenchmark.CLOSED), "linear");
        assertTrue(open <= TOLERANCE, "open-ended prompts are " + open + " from the inverse optimum");
        assertTrue(closed <= TOLERANCE, "closed prompts are " + closed + " from the linear optimum");
        double gap = RewardProfiles.collapseGap(profiles);
        System.out.printf(Locale.ROOT, "prompt-aware: open %.4f, closed %.4f from their optima, collapse gap %.4f%n",
                open, closed, gap);
        assertTrue(gap >= 0.3, "the classes stay apart, gap " + gap);
    }
}
