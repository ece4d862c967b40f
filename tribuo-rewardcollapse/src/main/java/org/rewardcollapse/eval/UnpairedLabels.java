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
package org.rewardcollapse.eval;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.rewardcollapse.model.GroupRewards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How well rewards separate desirable from undesirable responses when each response is labelled on its own (TRL's
 * unpaired preference format, KTO's {@code label}): the accuracy of "reward above the threshold" against the label,
 * the threshold being the median reward of the responses evaluated (it needs no label), and the area under the ROC
 * curve, the probability that a desirable response outscores an undesirable one anywhere in the data (ties count
 * half; the Mann-Whitney statistic from Commons Math's ranks).
 *
 * @param responses The responses evaluated.
 * @param desirable How many are labelled desirable (score 1).
 * @param threshold The reward above which a response is taken as desirable.
 * @param accuracy The share of responses on the side of the threshold their label says.
 * @param auc The area under the ROC curve.
 */
public record UnpairedLabels(int responses, int desirable, double threshold, double accuracy, double auc) {
    /**
     * The metrics of data labelled response by response: every score 0 or 1, some prompt with a single response, and
     * both labels present; otherwise (ranked or paired data) empty.
     * @param groups The groups.
     * @return The metrics, or empty.
     */
    public static Optional<UnpairedLabels> of(List<GroupRewards> groups) {
        List<double[]> scored = new ArrayList<>();
        boolean single = false;
        for (GroupRewards g : groups) {
            single |= g.scores().length == 1;
            for (int i = 0; i < g.scores().length; i++) {
                double label = g.scores()[i];
                if (label != 0.0 && label != 1.0) {
                    return Optional.empty();
                }
                scored.add(new double[]{g.rewards()[i], label});
            }
        }
        int desirable = (int) scored.stream().filter(s -> s[1] == 1.0).count();
        if (!single || desirable == 0 || desirable == scored.size()) {
            return Optional.empty();
        }
        double[] rewards = scored.stream().mapToDouble(s -> s[0]).toArray();
        double threshold = new Median().evaluate(rewards);
        long right = scored.stream().filter(s -> (s[0] > threshold) == (s[1] == 1.0)).count();
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(rewards);
        double rankSum = 0.0;
        for (int i = 0; i < ranks.length; i++) {
            if (scored.get(i)[1] == 1.0) {
                rankSum += ranks[i];
            }
        }
        long undesirable = scored.size() - desirable;
        double auc = (rankSum - desirable * (desirable + 1.0) / 2.0) / ((double) desirable * undesirable);
        return Optional.of(new UnpairedLabels(scored.size(), desirable, threshold, right / (double) scored.size(), auc));
    }

    /**
     * The metrics in words.
     * @return E.g. {@code accuracy 0.7100 at reward > 0.1234 (the median), AUC 0.7800 (412 responses, 200 desirable)}.
     */
    public String text() {
        return String.format(Locale.ROOT, "accuracy %.4f at reward > %.4g (the median), AUC %.4f (%d responses, %d "
                + "desirable)", accuracy, threshold, auc, responses, desirable);
    }
}
