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
package org.rewardcollapse.theory;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealVector;
import org.rewardcollapse.utility.Curvature;
import org.rewardcollapse.utility.LimitShape;
import org.rewardcollapse.utility.Utility;

/**
 * Solves the interpolating-regime problem of the reward-collapse paper exactly:
 * <pre>
 * maximise S(r) = sum over i &lt; j of U(r_j - r_i)   over 0 = r_1 &lt;= r_2 &lt;= ... &lt;= r_n = 1
 * </pre>
 * (for increasing U the optimum uses the whole range). With the n - 1 gaps g_k = r_(k+1) - r_k this is the
 * maximisation of a concave function over the simplex {g &gt;= 0, sum g = 1}.
 * <p>
 * Strictly concave U: the optimum is unique and symmetric (g_k = g_(n-2-k)), which halves the unknowns.
 * The solver takes Newton steps on the symmetric gaps with the simplex equality built into the step (the
 * KKT system of the quadratic model, solved with a Cholesky factorisation), a fraction-to-boundary rule that
 * keeps gaps positive when U is singular at 0, and an active set that lets gaps reach exactly 0 (ties)
 * otherwise, with an Armijo line search (after a failed projected step, the step to the first gap's zero, then
 * halving; a step that promises less than the objective's rounding noise is taken in full, and the solve stops at the
 * best KKT residual when such steps no longer lower it). Gradient and Hessian cost O(n^2) ({@link PairSums}),
 * the factorisation O(n^3 / 24).
 * <p>
 * Linear U: the optimum puts the lower half of the rewards at 0 and the upper half at 1; for odd n the middle
 * reward may sit anywhere in [0, 1] (non-unique) and the canonical choice is 1/2. Convex U (x^g, g &gt; 1): the
 * same two-point vertex, the middle reward of odd n at 0 (one of two optima).
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 */
public final class InterpolatingSolver {
    /** The largest n solved. */
    public static final int MAX_N = 2000;
    /** Default relative KKT tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-11;
    /** Default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 500;

    private static final double ARMIJO = 1e-4;
    private static final double FRACTION_TO_BOUNDARY = 0.99;
    /** Relative size of rounding noise in the objective, a sum of up to n^2 / 2 terms. */
    private static final double ROUNDING_NOISE = 1e-13;
    /** Steps within rounding noise without a better KKT residual after which the solve stops at the best point. */
    private static final int STALL_LIMIT = 4;
    /** Relative size below which the slope of a Newton step is rounding noise (see the Newton loop). */
    private static final double SLOPE_NOISE = 1e-12;
    /** Below this n a non-singular utility starts from equal gaps; above it from the optimum at n / 4. */
    private static final int WARM_START_MIN_N = 40;

    private final double tolerance;
    private final int maxIterations;

    /**
     * A solver with the default tolerance and iteration cap.
     */
    public InterpolatingSolver() {
        this(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * A solver.
     * @param tolerance The relative KKT residual at which to stop, &gt; 0.
     * @param maxIterations The iteration cap, &gt;= 1.
     */
    public InterpolatingSolver(double tolerance, int maxIterations) {
        if (!(tolerance > 0.0)) {
            throw new IllegalArgumentException("tolerance must be positive, found " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, found " + maxIterations);
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * Solves for n rewards.
     * @param u The utility.
     * @param n The number of responses, in [2, {@value #MAX_N}].
     * @return The optimum.
     */
    public InterpolatingOptimum solve(Utility u, int n) {
        if (n < 2 || n > MAX_N) {
            throw new IllegalArgumentException("n must be in [2, " + MAX_N + "], found " + n);
        }
        long start = System.nanoTime();
        if (u.curvature() != Curvature.STRICTLY_CONCAVE) {
            return twoPoint(u, n, start);
        }
        return newton(u, n, start);
    }

    private static InterpolatingOptimum twoPoint(Utility u, int n, long start) {
        double[] r = new double[n];
        boolean odd = n % 2 == 1;
        for (int i = (n + 1) / 2; i < n; i++) {
            r[i] = 1.0;
        }
        String note;
        boolean unique = !odd;
        if (odd && u.curvature() == Curvature.LINEAR) {
            r[n / 2] = 0.5;
            note = "closed form: half the rewards at 0, half at 1; for odd n the middle reward may take any value"
                    + " in [0, 1] (non-unique), the canonical choice is 1/2";
        } else if (odd) {
            note = "closed form: convex U puts rewards at 0 and 1; for odd n the middle reward sits at 0 or 1"
                    + " (two optima), the canonical choice is 0";
        } else {
            note = "closed form: half the rewards at 0, half at 1 (unique for even n)";
        }
        double[] g = gaps(r);
        double residual = kktResidual(PairSums.gapGradient(u, g), g);
        return new InterpolatingOptimum(u.spec(), r, residual, unique, note, 0, System.nanoTime() - start);
    }

    private InterpolatingOptimum newton(Utility u, int n, long start) {
        int m = n - 1;
        int p = (m + 1) / 2;
        if (p == 1) {
            // n = 2 or 3: the one symmetric gap is fixed by the simplex, r = (0, 1) or (0, 1/2, 1).
            double[] r = rewards(new double[]{1.0 / m}, m);
            double[] g = expand(new double[]{1.0 / m}, m);
            return new InterpolatingOptimum(u.spec(), r, kktResidual(PairSums.gapGradient(u, g), g), true,
                    "closed form: for n = " + n + " the symmetric optimum is the only point", 0, System.nanoTime() - start);
        }
        double[] weight = symmetricWeights(m);
        boolean singular = u.singularAtZero();
        double[] h = singular || n <= WARM_START_MIN_N ? initialGaps(u, n, p) : warmStart(u, n, p);
        boolean[] active = new boolean[p];
        for (int a = 0; a < p; a++) {
            active[a] = h[a] == 0.0;
        }
        double[] gradient = new double[m];
        double[] q = new double[p];
        double[][] reducedHessian = new double[p][p];
        double residual = Double.POSITIVE_INFINITY;
        double objective = PairSums.value(u, expand(h, m));
        double[] best = h;
        double bestResidual = Double.POSITIVE_INFINITY;
        int stalled = 0;
        boolean noiseStep = false;
        int iteration = 0;
        while (iteration < maxIterations && stalled < STALL_LIMIT) {
            double[] g = expand(h, m);
            PairSums.symmetricGapDerivatives(u, g, gradient, reducedHessian);
            fold(gradient, q);
            Step step = constrainedNewtonStep(q, reducedHessian, weight, h, active);
            residual = kktResidual(gradient, g);
            if (residual < bestResidual) {
                best = h;
                bestResidual = residual;
                stalled = 0;
            } else if (noiseStep) {
                stalled++;
            }
            if (residual <= tolerance) {
                break;
            }
            iteration++;
            // The step keeps sum(weight * d) = 0, so the slope q . d equals (q - multiplier * weight) . d; near the
            // optimum q is nearly multiplier * weight and q . d, a difference of large terms, is rounding noise of
            // either sign (it stopped power:0.5 at n = 200 at a residual of 2e-6, or not, as rounding fell), while
            // the second form is accurate. The solve stops where even that slope is below the rounding of the terms
            // of q . d: no step can then gain anything measurable.
            double slope = 0.0;
            double terms = 0.0;
            for (int a = 0; a < p; a++) {
                slope += (q[a] - step.multiplier * weight[a]) * step.direction[a];
                terms += Math.abs(q[a] * step.direction[a]);
            }
            if (!(slope > SLOPE_NOISE * terms)) {
                break;
            }
            int blocking = firstGapToReachZero(h, step.direction, active);
            double feasible = blocking < 0 ? Double.POSITIVE_INFINITY : -h[blocking] / step.direction[blocking];
            double t = singular ? Math.min(1.0, FRACTION_TO_BOUNDARY * feasible) : 1.0;
            double[] trial = new double[p];
            double trialObjective;
            double noise = ROUNDING_NOISE * Math.abs(objective);
            // A step that promises less than F's rounding noise cannot be judged by F (log-sigmoid:1 at n = 2000 and
            // inverse,eps=0.1 at n = 1000 halved such steps to nothing for hundreds of iterations): it is taken in
            // full, and the best-residual record stops the solve when such steps no longer lower the KKT residual.
            boolean unresolved = slope <= noise;
            while (true) {
                // Singular U: the step stays inside. Otherwise: a projected step, every gap that would cross 0 lands on
                // it; at t = feasible the first gap to reach 0 lands on it exactly.
                for (int a = 0; a < p; a++) {
                    boolean pinned = active[a] || (!singular && a == blocking && t == feasible);
                    trial[a] = pinned ? 0.0 : Math.max(0.0, h[a] + t * step.direction[a]);
                }
                normalise(trial, weight);
                trialObjective = PairSums.value(u, expand(trial, m));
                // Near the optimum the gain falls below rounding: a full Newton step within the noise is taken as is.
                boolean armijo = trialObjective >= objective + ARMIJO * t * slope;
                noiseStep = !armijo && t == 1.0 && (unresolved || trialObjective >= objective - noise);
                if (armijo || noiseStep || t < 1e-14) {
                    break;
                }
                // After a projected full step that fails, the step to the first gap's zero, which the Newton
                // direction reaches unprojected (one evaluation, where halving took up to seven at n = 1000); then
                // halving. (A gap released at 0 that the direction lowers would give a step of 0: halving then.)
                t = !singular && t == 1.0 && feasible > 0.0 && feasible < 1.0 ? feasible : 0.5 * t;
            }
            if (!noiseStep && !(trialObjective >= objective - noise)) {
                break;
            }
            for (int a = 0; a < p; a++) {
                active[a] = trial[a] == 0.0;
            }
            h = trial;
            objective = trialObjective;
        }
        if (residual > bestResidual) {
            h = best;
        }
        double[] r = rewards(h, m);
        double[] g = expand(h, m);
        residual = kktResidual(PairSums.gapGradient(u, g), g);
        String note = "Newton on the " + p + " symmetric gaps; unique (strictly concave U)";
        return new InterpolatingOptimum(u.spec(), r, residual, true, note, iteration, System.nanoTime() - start);
    }

    /** The free gap that the direction brings to 0 first (the smallest -h / d over d &lt; 0), or -1 if none. */
    private static int firstGapToReachZero(double[] h, double[] direction, boolean[] active) {
        int first = -1;
        double smallest = Double.POSITIVE_INFINITY;
        for (int a = 0; a < h.length; a++) {
            if (!active[a] && direction[a] < 0.0 && -h[a] / direction[a] < smallest) {
                smallest = -h[a] / direction[a];
                first = a;
            }
        }
        return first;
    }

    /** A Newton direction on the reduced gaps and the multiplier of the simplex constraint. */
    private record Step(double[] direction, double multiplier) {}

    /**
     * The Newton step of the quadratic model on the free gaps with sum(weight * d) = 0, releasing active gaps
     * whose marginal value exceeds the multiplier.
     */
    private static Step constrainedNewtonStep(double[] q, double[][] hessian, double[] weight, double[] h,
                                              boolean[] active) {
        while (true) {
            int[] free = java.util.stream.IntStream.range(0, q.length).filter(a -> !active[a]).toArray();
            Array2DRowRealMatrix negated = new Array2DRowRealMatrix(free.length, free.length);
            double[][] data = negated.getDataRef();
            ArrayRealVector qFree = new ArrayRealVector(free.length);
            ArrayRealVector cFree = new ArrayRealVector(free.length);
            for (int x = 0; x < free.length; x++) {
                for (int y = 0; y < free.length; y++) {
                    data[x][y] = -hessian[free[x]][free[y]];
                }
                qFree.setEntry(x, q[free[x]]);
                cFree.setEntry(x, weight[free[x]]);
            }
            DecompositionSolver solver = factorise(negated);
            RealVector x1 = solver.solve(qFree);
            RealVector x2 = solver.solve(cFree);
            double multiplier = cFree.dotProduct(x1) / cFree.dotProduct(x2);
            int release = -1;
            double worst = 0.0;
            for (int a = 0; a < q.length; a++) {
                double excess = q[a] / weight[a] - multiplier;
                if (active[a] && excess > worst) {
                    worst = excess;
                    release = a;
                }
            }
            if (release >= 0 && worst > 1e-12 * Math.abs(multiplier)) {
                active[release] = false;
                continue;
            }
            double[] direction = new double[q.length];
            RealVector d = x1.subtract(x2.mapMultiply(multiplier));
            for (int x = 0; x < free.length; x++) {
                direction[free[x]] = d.getEntry(x);
            }
            return new Step(direction, multiplier);
        }
    }

    /**
     * The Cholesky factorisation of the negated Hessian; where U'' underflows (U numerically linear at this scale, the
     * Hessian exactly singular) a ridge of relative size 1e-10 is added, which turns the step into a scaled gradient
     * step on those gaps.
     */
    private static DecompositionSolver factorise(Array2DRowRealMatrix negated) {
        try {
            return new CholeskyDecomposition(negated, 1e-10, 0.0).getSolver();
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
            double[][] data = negated.getDataRef();
            double scale = 0.0;
            for (int i = 0; i < data.length; i++) {
                scale = Math.max(scale, Math.abs(data[i][i]));
            }
            double ridge = Math.max(scale * 1e-10, Double.MIN_NORMAL);
            for (int i = 0; i < data.length; i++) {
                data[i][i] += ridge;
            }
            return new CholeskyDecomposition(negated, 1e-10, 0.0).getSolver();
        }
    }

    /** Sums the full gap gradient over the symmetric pairs k, m-1-k. */
    private static void fold(double[] gradient, double[] q) {
        int m = gradient.length;
        java.util.Arrays.fill(q, 0.0);
        for (int k = 0; k < m; k++) {
            q[Math.min(k, m - 1 - k)] += gradient[k];
        }
    }

    /**
     * Starts a non-singular utility from the optimum at about n / 4, read as a quantile function and
     * interpolated to n points. Its ties carry over as exact zero gaps, so the active set starts nearly right
     * (the tied fraction barely changes with n) instead of growing by one gap per Newton step.
     */
    private double[] warmStart(Utility u, int n, int p) {
        double[] coarse = newton(u, Math.max(WARM_START_MIN_N / 2, n / 4), System.nanoTime()).rewards();
        int c = coarse.length - 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double position = (double) i * c / (n - 1);
            int left = Math.min((int) Math.floor(position), c - 1);
            double fraction = position - left;
            r[i] = fraction == 0.0 ? coarse[left] : coarse[left] + fraction * (coarse[left + 1] - coarse[left]);
        }
        double[] h = new double[p];
        for (int a = 0; a < p; a++) {
            h[a] = Math.max(0.0, r[a + 1] - r[a]);
        }
        double[] weight = symmetricWeights(n - 1);
        normalise(h, weight);
        return h;
    }

    /**
     * Starts from the quantiles of the closed-form limit law when there is one (close to the optimum for
     * moderate n), else from equal gaps.
     */
    private static double[] initialGaps(Utility u, int n, int p) {
        int m = n - 1;
        double[] h = new double[p];
        LimitShape shape = u.limitShape();
        if (shape.kind() == LimitShape.Kind.SYMMETRIC_BETA && shape.betaShape() < 1.0 && n > 2) {
            org.apache.commons.math3.distribution.BetaDistribution beta =
                    new org.apache.commons.math3.distribution.BetaDistribution(null, shape.betaShape(), shape.betaShape(), 1e-14);
            double previous = 0.0;
            for (int k = 0; k < p; k++) {
                double next = beta.inverseCumulativeProbability((k + 1.0) / m);
                h[k] = Math.max(next - previous, 1e-3 / m);
                previous = next;
            }
        } else {
            java.util.Arrays.fill(h, 1.0 / m);
        }
        double[] weight = symmetricWeights(m);
        normalise(h, weight);
        return h;
    }

    /** How many gaps each symmetric unknown stands for: 2 for a mirrored pair, 1 for the middle gap of odd n - 1. */
    private static double[] symmetricWeights(int m) {
        double[] weight = new double[(m + 1) / 2];
        for (int a = 0; a < weight.length; a++) {
            weight[a] = (a == m - 1 - a) ? 1.0 : 2.0;
        }
        return weight;
    }

    private static void normalise(double[] h, double[] weight) {
        double total = dot(h, weight);
        for (int a = 0; a < h.length; a++) {
            h[a] /= total;
        }
    }

    private static double[] expand(double[] h, int m) {
        double[] g = new double[m];
        for (int k = 0; k < m; k++) {
            g[k] = h[Math.min(k, m - 1 - k)];
        }
        return g;
    }

    private static double[] rewards(double[] h, int m) {
        // The lower half by cumulative sums, the upper half as its mirror: r_i + r_(n-1-i) = 1 exactly, and
        // tied rewards are exactly equal.
        double[] r = new double[m + 1];
        for (int i = 1; 2 * i < m; i++) {
            r[i] = r[i - 1] + h[i - 1];
        }
        for (int i = 0; 2 * i < m; i++) {
            r[m - i] = 1.0 - r[i];
        }
        if (m % 2 == 0) {
            r[m / 2] = 0.5;
        }
        return r;
    }

    private static double[] gaps(double[] r) {
        double[] g = new double[r.length - 1];
        for (int k = 0; k < g.length; k++) {
            g[k] = r[k + 1] - r[k];
        }
        return g;
    }

    /**
     * The relative KKT residual of gaps g for the simplex problem with gradient G: with the multiplier
     * lambda = sum g_k G_k, the largest |G_k - lambda| over positive gaps and (G_k - lambda)+ over zero gaps,
     * divided by |lambda|.
     * @param gradient dS/dg.
     * @param g The gaps (summing to 1).
     * @return The residual.
     */
    static double kktResidual(double[] gradient, double[] g) {
        double lambda = 0.0;
        for (int k = 0; k < g.length; k++) {
            lambda += g[k] * gradient[k];
        }
        double worst = 0.0;
        for (int k = 0; k < g.length; k++) {
            double deviation = gradient[k] - lambda;
            worst = Math.max(worst, g[k] > 0.0 ? Math.abs(deviation) : Math.max(0.0, deviation));
        }
        return worst / Math.max(Math.abs(lambda), Double.MIN_NORMAL);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
