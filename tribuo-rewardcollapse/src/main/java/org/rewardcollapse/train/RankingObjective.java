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
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.rewardcollapse.policy.FixedUtilityPolicy;
import org.rewardcollapse.policy.Policies;
import org.rewardcollapse.policy.UtilityPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a ranking reward trainer maximises, as one configurable component (as Tribuo's trainers take a
 * {@code RegressionObjective}): the utility policy that picks each prompt's U, bounded or unbounded rewards, the
 * reward-centring penalty, the pair weights, the margin and the length decorrelation. It builds the {@link RankingLoss}.
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 */
public final class RankingObjective implements Configurable, Provenancable<ConfiguredObjectProvenance> {
    /** The objective's settings, which trainers recorded as their own before the objective was a component. */
    private static final List<String> LEGACY_FIELDS = List.of("policy", "bounded", "centringCoefficient",
            "pairWeighting");

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
     * The usual objective: one utility policy, uniform pair weights, no centring.
     * @param policy The utility policy.
     * @param bounded Bounded (sigmoid) rewards.
     */
    public RankingObjective(UtilityPolicy policy, boolean bounded) {
        this(policy, bounded, 0.0, PairWeighting.UNIFORM);
    }

    /**
     * An objective.
     * @param policy The utility policy.
     * @param bounded Bounded (sigmoid) rewards.
     * @param centringCoefficient The reward-centring coefficient, &gt;= 0.
     * @param pairWeighting The pair weights.
     */
    public RankingObjective(UtilityPolicy policy, boolean bounded, double centringCoefficient,
                            PairWeighting pairWeighting) {
        this(policy, bounded, centringCoefficient, pairWeighting, 0.0);
    }

    /**
     * An objective with a margin.
     * @param policy The utility policy.
     * @param bounded Bounded (sigmoid) rewards.
     * @param centringCoefficient The reward-centring coefficient, &gt;= 0.
     * @param pairWeighting The pair weights.
     * @param margin The margin coefficient mu, &gt;= 0 ({@link RankingLoss}).
     */
    public RankingObjective(UtilityPolicy policy, boolean bounded, double centringCoefficient,
                            PairWeighting pairWeighting, double margin) {
        this(policy, bounded, centringCoefficient, pairWeighting, margin, 0.0);
    }

    /**
     * An objective with a margin and length decorrelation.
     * @param policy The utility policy.
     * @param bounded Bounded (sigmoid) rewards.
     * @param centringCoefficient The reward-centring coefficient, &gt;= 0.
     * @param pairWeighting The pair weights.
     * @param margin The margin coefficient mu, &gt;= 0 ({@link RankingLoss}).
     * @param lengthDecorrelation The length-decorrelation penalty's weight, &gt;= 0 (0 for none).
     */
    public RankingObjective(UtilityPolicy policy, boolean bounded, double centringCoefficient,
                            PairWeighting pairWeighting, double margin, double lengthDecorrelation) {
        this.lengthDecorrelation = lengthDecorrelation;
        this.policy = policy;
        this.bounded = bounded;
        this.centringCoefficient = centringCoefficient;
        this.pairWeighting = pairWeighting;
        this.margin = margin;
        postConfig();
    }

    /**
     * The usual objective from a policy spec ({@link Policies#parse}).
     * @param policy The spec, e.g. {@code log-sigmoid:1} or {@code open=inverse,closed=linear}.
     * @param bounded Bounded (sigmoid) rewards.
     * @return The objective.
     */
    public static RankingObjective of(String policy, boolean bounded) {
        return new RankingObjective(Policies.parse(policy), bounded);
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        if (policy == null) {
            throw new IllegalArgumentException("policy must be set");
        }
        if (!(centringCoefficient >= 0.0 && Double.isFinite(centringCoefficient))) {
            throw new IllegalArgumentException("centringCoefficient must be finite and >= 0, found " + centringCoefficient);
        }
        if (!(margin >= 0.0 && Double.isFinite(margin))) {
            throw new IllegalArgumentException("margin must be finite and >= 0, found " + margin);
        }
        if (!(lengthDecorrelation >= 0.0 && Double.isFinite(lengthDecorrelation))) {
            throw new IllegalArgumentException("lengthDecorrelation must be finite and >= 0, found "
                    + lengthDecorrelation);
        }
        if (pairWeighting == null) {
            throw new IllegalArgumentException("pairWeighting must be UNIFORM, SCORE_DIFFERENCE, GAIN_DIFFERENCE or "
                    + "LAMBDARANK");
        }
    }

    /**
     * The loss: the policy's utilities on the rewards, centred around 1/2 (bounded) or 0 (unbounded).
     * @return The loss.
     */
    public RankingLoss loss() {
        return new RankingLoss(centringCoefficient, bounded ? 0.5 : 0.0, pairWeighting, margin);
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

    /**
     * Upgrades a trainer configuration recorded before the objective was a component of its own (runs made by
     * earlier versions recorded {@code policy}, {@code bounded}, {@code centringCoefficient} and
     * {@code pairWeighting} on the trainer): those settings move into a new objective component, so the recorded
     * run re-trains exactly as it did. Other configurations are returned unchanged.
     * @param configuration The configuration data of a trainer and its components.
     * @return The configuration in today's layout.
     */
    public static List<ConfigurationData> upgradeLegacyTrainer(List<ConfigurationData> configuration) {
        List<ConfigurationData> upgraded = new ArrayList<>(configuration.size() + 1);
        for (ConfigurationData data : configuration) {
            Class<?> type;
            try {
                type = Class.forName(data.getClassName());
            } catch (ClassNotFoundException e) {
                upgraded.add(data);
                continue;
            }
            if (!RankingRewardTrainer.class.isAssignableFrom(type) || data.get("objective").isPresent()
                    || LEGACY_FIELDS.stream().noneMatch(f -> data.get(f).isPresent())) {
                upgraded.add(data);
                continue;
            }
            Map<String, Property> trainer = new LinkedHashMap<>(data.getProperties());
            Map<String, Property> objective = new LinkedHashMap<>();
            for (String field : LEGACY_FIELDS) {
                Property value = trainer.remove(field);
                if (value != null) {
                    objective.put(field, value);
                }
            }
            String name = data.getName() + "-objective";
            trainer.put("objective", new SimpleProperty(name));
            upgraded.add(new ConfigurationData(data.getName(), data.getClassName(), trainer));
            upgraded.add(new ConfigurationData(name, RankingObjective.class.getName(), objective));
        }
        return upgraded;
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
}
