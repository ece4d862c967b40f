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

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.policy.FixedUtilityPolicy;
import org.rewardcollapse.policy.Policies;
import org.rewardcollapse.policy.UtilityPolicy;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;

import java.util.List;

import static org.rewardcollapse.io.InvalidSettingException.require;

/**
 * What a ranking reward trainer maximises, as one configurable component (as Tribuo's trainers take a
 * {@code RegressionObjective}): the utility policy that picks each prompt's U, bounded or unbounded rewards, the
 * reward-centring penalty, the pair weights, the margin and the length decorrelation. It builds the {@link RankingLoss}
 * and the penalty on each minibatch ({@link LengthDecorrelation}, when asked for). Java callers make one with
 * {@link #builder()}; every setting is checked here, once, and a bad one names its field.
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 */
public final class RankingObjective implements Configurable, Provenancable<ConfiguredObjectProvenance> {
    @Config(description = "How each prompt group's utility is chosen: fixed, by prompt type, or automatic.")
    private UtilityPolicy policy = new FixedUtilityPolicy("log-sigmoid:1");

    @Config(description = "Bounded rewards, sigmoid of the logit in [0, 1] (the paper's setting); false: the logit "
            + "itself (the standard RLHF reward model).")
    private boolean bounded = false;

    @Config(description = "Reward-centring coefficient c >= 0: adds c (r_i + r_j - 2m)^2 per pair, m = 0 unbounded, "
            + "1/2 bounded (TRL's center_rewards_coefficient for pairs).")
    private double centringCoefficient = 0.0;

    @Config(description = "Pair weights: UNIFORM (the paper's objective), SCORE_DIFFERENCE, GAIN_DIFFERENCE or "
            + "LAMBDARANK (for graded labels).")
    private PairWeighting pairWeighting = PairWeighting.UNIFORM;

    @Config(description = "Margin coefficient mu >= 0: each pair's utility is taken at r_i - r_j - mu (s_i - s_j), s "
            + "the pair's scores (the Llama 2 reward model's margin from rating differences); 0: none.")
    private double margin = 0.0;

    @Config(description = "Length decorrelation lambda >= 0 (ODIN, linear models): a length head on the length "
            + "features trained beside the quality head, a penalty lambda rho^2 on the correlation of the quality "
            + "head with log length, the quality head kept; 0: none.")
    private double lengthDecorrelation = 0.0;

    /**
     * For OLCUT.
     */
    private RankingObjective() {}

    /**
     * A builder with the defaults: log-sigmoid:1 for every prompt, unbounded rewards, uniform pair weights, no
     * centring, margin or length decorrelation (the Bradley-Terry loss of the usual RLHF reward model).
     * @return The builder.
     */
    public static Builder builder() {
        return new Builder(new RankingObjective());
    }

    /**
     * A builder that starts from this objective's settings.
     * @return The builder.
     */
    public Builder toBuilder() {
        return new Builder(copy());
    }

    /**
     * The usual objective from a policy spec ({@link Policies#parse}).
     * @param policy The spec, e.g. {@code log-sigmoid:1} or {@code open=inverse,closed=linear}.
     * @param bounded Bounded (sigmoid) rewards.
     * @return The objective.
     */
    public static RankingObjective of(String policy, boolean bounded) {
        return builder().policy(policy).bounded(bounded).build();
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        require(policy != null, "policy", "must be set");
        require(centringCoefficient >= 0.0 && Double.isFinite(centringCoefficient), "centringCoefficient",
                "must be finite and >= 0, found " + centringCoefficient);
        require(margin >= 0.0 && Double.isFinite(margin), "margin", "must be finite and >= 0, found " + margin);
        require(lengthDecorrelation >= 0.0 && Double.isFinite(lengthDecorrelation), "lengthDecorrelation",
                "must be finite and >= 0, found " + lengthDecorrelation);
        require(pairWeighting != null, "pairWeighting", "must be UNIFORM, SCORE_DIFFERENCE, GAIN_DIFFERENCE or "
                + "LAMBDARANK");
    }

    /**
     * The loss: the policy's utilities on the rewards, centred around 1/2 (bounded) or 0 (unbounded).
     * @return The loss.
     */
    public RankingLoss loss() {
        return new RankingLoss(centringCoefficient, bounded ? 0.5 : 0.0, pairWeighting, margin);
    }

    /**
     * The penalty added to each minibatch's loss: the length decorrelation when it is asked for, else none.
     * @param examples The training examples, by example index.
     * @param features Their features (null for examples in no group).
     * @param featureMap The feature ids.
     * @return The penalty.
     * @throws IllegalArgumentException If the data cannot carry the penalty (no length features or lengths).
     */
    BatchPenalty batchPenalty(List<? extends Example<?>> examples, SparseFeatures[] features,
                              ImmutableFeatureMap featureMap) {
        return lengthDecorrelation > 0.0 ? LengthDecorrelation.of(lengthDecorrelation, examples, features, featureMap)
                : BatchPenalty.NONE;
    }

    /**
     * The utility policy.
     * @return The policy.
     */
    public UtilityPolicy policy() {
        return policy;
    }

    /**
     * Are rewards bounded?
     * @return True for sigmoid rewards in [0, 1].
     */
    public boolean bounded() {
        return bounded;
    }

    /**
     * The pair weights.
     * @return The weighting.
     */
    public PairWeighting pairWeighting() {
        return pairWeighting;
    }

    /**
     * The margin coefficient.
     * @return mu, 0 for none.
     */
    public double margin() {
        return margin;
    }

    /**
     * The length-decorrelation penalty's weight.
     * @return lambda, 0 for none.
     */
    public double lengthDecorrelation() {
        return lengthDecorrelation;
    }

    private RankingObjective copy() {
        RankingObjective copy = new RankingObjective();
        copy.policy = policy;
        copy.bounded = bounded;
        copy.centringCoefficient = centringCoefficient;
        copy.pairWeighting = pairWeighting;
        copy.margin = margin;
        copy.lengthDecorrelation = lengthDecorrelation;
        return copy;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "RankingObjective");
    }

    @Override
    public String toString() {
        return "RankingObjective(policy=" + policy.spec() + ",bounded=" + bounded
                + (centringCoefficient > 0.0 ? ",centringCoefficient=" + centringCoefficient : "")
                + (pairWeighting != PairWeighting.UNIFORM ? ",pairWeighting=" + pairWeighting : "")
                + (margin > 0.0 ? ",margin=" + margin : "")
                + (lengthDecorrelation > 0.0 ? ",lengthDecorrelation=" + lengthDecorrelation : "") + ")";
    }

    /** Sets an objective's fields one by one; {@link #build()} checks them. */
    public static final class Builder {
        private final RankingObjective objective;

        private Builder(RankingObjective objective) {
            this.objective = objective;
        }

        /**
         * Sets the utility policy.
         * @param policy The policy.
         * @return This builder.
         */
        public Builder policy(UtilityPolicy policy) {
            objective.policy = policy;
            return this;
        }

        /**
         * Sets the utility policy from its spec ({@link Policies#parse}).
         * @param spec E.g. {@code open=inverse,closed=linear} or {@code log-sigmoid:1}.
         * @return This builder.
         */
        public Builder policy(String spec) {
            return policy(Policies.parse(spec));
        }

        /**
         * Sets one utility for every prompt.
         * @param spec The utility, e.g. {@code log-sigmoid:1}.
         * @return This builder.
         */
        public Builder utility(String spec) {
            return policy(new FixedUtilityPolicy(spec));
        }

        /**
         * Bounded (sigmoid) or unbounded rewards.
         * @param bounded True for sigmoid rewards in [0, 1].
         * @return This builder.
         */
        public Builder bounded(boolean bounded) {
            objective.bounded = bounded;
            return this;
        }

        /**
         * Sets the reward-centring coefficient.
         * @param coefficient c &gt;= 0.
         * @return This builder.
         */
        public Builder centringCoefficient(double coefficient) {
            objective.centringCoefficient = coefficient;
            return this;
        }

        /**
         * Weights pairs (graded labels); the default is the paper's uniform weight.
         * @param weighting The pair weights.
         * @return This builder.
         */
        public Builder pairWeighting(PairWeighting weighting) {
            objective.pairWeighting = weighting;
            return this;
        }

        /**
         * Sets the Llama 2 margin: each pair's utility is taken at {@code r_i - r_j - mu (s_i - s_j)}.
         * @param mu The margin coefficient, finite and &gt;= 0 (0 for none).
         * @return This builder.
         */
        public Builder margin(double mu) {
            objective.margin = mu;
            return this;
        }

        /**
         * Trains a length-decorrelated reward (ODIN, linear models only; see {@link LengthDecorrelation}).
         * @param lambda The penalty's weight, finite and &gt;= 0 (0 for none).
         * @return This builder.
         */
        public Builder lengthDecorrelation(double lambda) {
            objective.lengthDecorrelation = lambda;
            return this;
        }

        /**
         * The objective.
         * @return A new objective with these settings.
         * @throws org.rewardcollapse.io.InvalidSettingException If a setting is out of range, naming its field.
         */
        public RankingObjective build() {
            RankingObjective built = objective.copy();
            built.postConfig();
            return built;
        }
    }
}
