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
package org.rewardcollapse.policy;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.theory.Profiles;
import org.rewardcollapse.theory.ShapeFit;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.tribuo.Example;
import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Chooses each prompt's utility from the shape of its cardinal ground-truth scores (ratings, graded labels, the
 * synthetic benchmark's lengths), where no prompt-type label exists.
 * <p>
 * The scores of a group are min-max normalised and sorted, which gives the reward profile the data itself asks
 * for. Groups are pooled by a metadata key the user chooses (or each prompt stands alone); a pool's profile is the
 * mean of its groups' profiles on a common grid (their modal size). {@link ShapeFit} then finds the utility whose
 * interpolating optimum at that size is closest: the linear utility for polarised scores, and the Beta(a, a) family
 * (power, log, negative power, inverse) in between. Every group of the pool trains with that utility.
 * <p>
 * When it applies: the scores must be cardinal. With ranks only (OpenAssistant, chosen/rejected pairs) the
 * normalised scores are evenly spaced in every group and the policy picks the near-uniform shape for every prompt,
 * which is no information; the classifier policy is the one to use there. Stability: per prompt, a fit rests on one
 * group's n scores; pooled, it rests on the pool's mean profile, and {@code bootstrap} resamples of the pool's groups
 * report its standard deviation in the description.
 */
public final class CardinalShapePolicy implements UtilityPolicy {
    private static final Logger logger = Logger.getLogger(CardinalShapePolicy.class.getName());

    @Config(description = "Metadata key whose value pools prompts for one fit (empty: each prompt is fitted alone).")
    private String poolKey = "";

    @Config(description = "Shift eps of the fitted utilities (training needs eps > 0 for the singular families).")
    private double eps = Utilities.TRAINING_EPS;

    @Config(description = "Bootstrap resamples of a pool's groups, to report how stable its fitted shape is (0: none).")
    private int bootstrap = 30;

    @Config(description = "Seed of the bootstrap resampling.")
    private long seed = Trainer.DEFAULT_SEED;

    private ShapeFit fitter;

    /**
     * A pool's fit.
     *
     * @param pool The pool's key (the prompt id when each prompt stands alone).
     * @param groups The number of groups pooled.
     * @param size The grid size (the pool's modal group size).
     * @param profile The pool's mean normalised score profile.
     * @param fit The fitted shape and utility.
     * @param bootstrapSd The standard deviation of the shape over bootstrap resamples (NaN if not computed).
     */
    public record PoolFit(String pool, int groups, int size, double[] profile, ShapeFit.Fit fit, double bootstrapSd) {}

    /**
     * For OLCUT.
     */
    private CardinalShapePolicy() {}

    /**
     * Creates the policy.
     * @param poolKey The metadata key to pool prompts by, or empty to fit each prompt alone.
     * @param eps The shift of the fitted utilities, &gt; 0.
     * @param bootstrap Bootstrap resamples per pool (0 for none).
     * @param seed The bootstrap seed.
     */
    public CardinalShapePolicy(String poolKey, double eps, int bootstrap, long seed) {
        this.poolKey = poolKey;
        this.eps = eps;
        this.bootstrap = bootstrap;
        this.seed = seed;
        postConfig();
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        if (poolKey == null) {
            poolKey = "";
        }
        if (!(eps > 0.0 && eps <= 1.0)) {
            throw new IllegalArgumentException("eps must be in (0, 1], found " + eps);
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap must be >= 0, found " + bootstrap);
        }
        fitter = new ShapeFit(eps);
    }

    @Override
    public UtilityAssignment assign(RankingGroups groups, List<? extends Example<Regressor>> examples) {
        Map<String, List<Integer>> pools = pools(groups, examples);
        Utility[] perGroup = new Utility[groups.size()];
        List<PoolFit> fits = fit(groups, pools);
        int p = 0;
        for (List<Integer> members : pools.values()) {
            Utility u = fits.get(p++).fit().utility();
            for (int g : members) {
                perGroup[g] = u;
            }
        }
        if (looksRankOnly(groups)) {
            logger.warning("every group's scores are evenly spaced (ranks, not cardinal scores): the shape fit sees a "
                    + "uniform profile everywhere and cannot tell prompts apart; use types or a classifier policy");
        }
        return UtilityAssignment.of(groups, Arrays.asList(perGroup), describe(fits));
    }

    /**
     * Fits every pool.
     * @param groups The groups.
     * @param examples The examples (for the pooling metadata).
     * @return One fit per pool, in order of first appearance.
     */
    public List<PoolFit> fitPools(RankingGroups groups, List<? extends Example<Regressor>> examples) {
        return fit(groups, pools(groups, examples));
    }

    private List<PoolFit> fit(RankingGroups groups, Map<String, List<Integer>> pools) {
        boolean pooled = !poolKey.isEmpty();
        Map<String, ShapeFit.Fit> cache = new HashMap<>();
        SplittableRandom rng = new SplittableRandom(seed);
        List<PoolFit> fits = new ArrayList<>(pools.size());
        for (Map.Entry<String, List<Integer>> pool : pools.entrySet()) {
            List<double[]> profiles = new ArrayList<>();
            for (int g : pool.getValue()) {
                profiles.add(scoreProfile(groups.groups().get(g)));
            }
            int m = modalSize(profiles);
            double[] profile = meanOnGrid(profiles, m);
            ShapeFit.Fit fit = pooled ? fitter.fit(profile, true)
                    : cache.computeIfAbsent(Arrays.toString(profile), k -> fitter.fit(profile, false));
            double sd = Double.NaN;
            if (pooled && bootstrap > 0 && profiles.size() > 1) {
                double[] shapes = new double[bootstrap];
                for (int b = 0; b < bootstrap; b++) {
                    List<double[]> resample = new ArrayList<>(profiles.size());
                    for (int i = 0; i < profiles.size(); i++) {
                        resample.add(profiles.get(rng.nextInt(profiles.size())));
                    }
                    shapes[b] = fitter.fit(meanOnGrid(resample, m), true).shape();
                }
                sd = new StandardDeviation().evaluate(shapes);
            }
            fits.add(new PoolFit(pool.getKey(), profiles.size(), m, profile, fit, sd));
        }
        return fits;
    }

    private Map<String, List<Integer>> pools(RankingGroups groups, List<? extends Example<Regressor>> examples) {
        Map<String, List<Integer>> pools = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            RankingGroup group = groups.groups().get(g);
            String key = group.promptId();
            if (!poolKey.isEmpty()) {
                key = examples.get(group.exampleIndex(0)).getMetadataValue(poolKey).map(Object::toString)
                        .orElseThrow(() -> new IllegalArgumentException("prompt '" + group.promptId() + "' has no '"
                                + poolKey + "' metadata to pool by (poolKey)"));
            }
            pools.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
        }
        return pools;
    }

    private static double[] scoreProfile(RankingGroup group) {
        double[] profile = Profiles.minMaxNormalised(group.scores());
        Arrays.sort(profile);
        return profile;
    }

    private static int modalSize(List<double[]> profiles) {
        Map<Integer, Integer> counts = new HashMap<>();
        profiles.forEach(p -> counts.merge(p.length, 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
    }

    private static double[] meanOnGrid(List<double[]> profiles, int m) {
        double[] mean = new double[m];
        for (double[] profile : profiles) {
            double[] grid = Profiles.onGrid(profile, m);
            for (int k = 0; k < m; k++) {
                mean[k] += grid[k] / profiles.size();
            }
        }
        return mean;
    }

    private static boolean looksRankOnly(RankingGroups groups) {
        for (RankingGroup group : groups) {
            double[] profile = scoreProfile(group);
            for (int k = 0; k < profile.length; k++) {
                if (Math.abs(profile[k] - k / (double) (profile.length - 1)) > 1e-9) {
                    return false;
                }
            }
        }
        return true;
    }

    private String describe(List<PoolFit> fits) {
        if (poolKey.isEmpty()) {
            Map<String, Long> counts = fits.stream().collect(Collectors.groupingBy(f -> f.fit().utility().spec(),
                    LinkedHashMap::new, Collectors.counting()));
            return "reward shape fitted per prompt (" + fits.size() + " prompts): " + counts.entrySet().stream()
                    .map(e -> e.getKey() + " x " + e.getValue()).collect(Collectors.joining(", "));
        }
        return "reward shape fitted per '" + poolKey + "': " + fits.stream().map(f -> String.format(Locale.ROOT,
                "%s (%d prompts, n = %d): a = %.3f%s -> %s (rms %.3f)", f.pool(), f.groups(), f.size(),
                f.fit().shape(), Double.isNaN(f.bootstrapSd()) ? "" : String.format(Locale.ROOT,
                        " (bootstrap sd %.3f)", f.bootstrapSd()), f.fit().utility().spec(), f.fit().distance()))
                .collect(Collectors.joining("; "));
    }

    @Override
    public String spec() {
        StringBuilder spec = new StringBuilder(Policies.AUTO_CARDINAL);
        if (!poolKey.isEmpty()) {
            spec.append(",pool=").append(poolKey);
        }
        if (eps != Utilities.TRAINING_EPS) {
            spec.append(",eps=").append(eps);
        }
        return spec.toString();
    }

    @Override
    public String toString() {
        return "CardinalShapePolicy(poolKey=" + poolKey + ",eps=" + eps + ",bootstrap=" + bootstrap + ",seed=" + seed + ")";
    }
}
