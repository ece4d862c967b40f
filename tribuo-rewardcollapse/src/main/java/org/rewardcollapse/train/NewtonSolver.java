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

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Newton's method for a smooth concave objective that {@link NewtonSums} evaluate: each step solves
 * {@code (-H + tau I) delta = g} by a Cholesky factorisation (Commons Math), with tau = 0 unless -H is not numerically
 * positive definite (no L2 and collinear features, say), then the smallest power-of-ten multiple of its largest
 * diagonal entry that factorises; a backtracking line search halves the step until the Armijo condition
 * {@code F(w + t delta) >= F(w) + 1e-4 t g . delta} holds, so every step increases F. Where the step promises an
 * increase {@code g . delta} below 1e-12 of |F| (or of 1), which F's rounding would hide from that test, the full
 * step is taken instead while it shrinks the largest gradient entry. It stops when the largest gradient entry falls
 * below {@code tolerance} times the largest at the start (the criterion of LIBLINEAR's Newton solver, in the max
 * norm), after {@code maxIterations} steps, when no step increases F in double precision, or when, at F's precision,
 * the full step no longer shrinks the gradient.
 * <pre>
 * Nocedal, Wright, "Numerical Optimization", 2nd ed., Springer (2006): section 3.1 (backtracking, the Armijo
 * condition) and section 3.4 (Newton's method with a Hessian modification).
 * Lin, Weng, Keerthi, "Trust Region Newton Method for Large-Scale Logistic Regression", JMLR 9 (2008)
 * (the stopping rule relative to the starting gradient).
 * </pre>
 * A value that no other value's curvature involves (a feature no group uses or that is constant within every group,
 * the bias when pairs see only reward differences) is solved on its own, outside the factorisation, and stays at its
 * start when its gradient and curvature are both exactly zero. The method is deterministic: the same objective gives
 * the same iterates.
 */
public final class NewtonSolver {
    /** The default tolerance on the largest gradient entry, relative to the largest at the start. */
    public static final double DEFAULT_TOLERANCE = 1e-8;
    /** The default cap on iterations. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 60;
    private static final double FIRST_RIDGE = 1e-10;
    /** Below this increase relative to |F| (at least 1), a step's effect on F is not resolved in double precision. */
    private static final double RESOLUTION = 1e-12;

    /** The objective: its sums at a point, with the Hessian or (for a line search) without. */
    @FunctionalInterface
    public interface Objective {
        /**
         * Evaluates the objective.
         * @param point The point.
         * @param curvature Sum the Hessian too.
         * @return The sums.
         */
        NewtonSums at(double[] point, boolean curvature);
    }

    /** Told of every iteration. */
    @FunctionalInterface
    public interface Listener {
        /**
         * One iteration done.
         * @param iteration The iteration, from 1.
         * @param sums The objective at the new point (with curvature).
         * @param maxGradient Its largest absolute gradient entry.
         * @param step The line search's step length (1 for a full Newton step).
         */
        void iteration(int iteration, NewtonSums sums, double maxGradient, double step);
    }

    /**
     * The solution.
     *
     * @param point The last point.
     * @param iterations The Newton steps taken.
     * @param converged Whether the gradient met the tolerance.
     * @param maxGradient The largest absolute gradient entry at the point.
     * @param stopReason Why the method stopped, in words.
     */
    public record Result(double[] point, int iterations, boolean converged, double maxGradient, String stopReason) {}

    private final double tolerance;
    private final int maxIterations;

    /** A solver with the default tolerance and iteration cap. */
    public NewtonSolver() {
        this(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * A solver.
     * @param tolerance The tolerance on the largest gradient entry relative to the start's, in (0, 1).
     * @param maxIterations The most Newton steps, &gt;= 1.
     */
    public NewtonSolver(double tolerance, int maxIterations) {
        if (!(tolerance > 0.0 && tolerance < 1.0)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), found " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, found " + maxIterations);
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * Maximises a concave objective.
     * @param f The objective.
     * @param start The starting point (not modified).
     * @param listener Told of every iteration.
     * @return The solution.
     * @throws ArithmeticException If the objective or its gradient is not finite at an accepted point.
     */
    public Result maximise(Objective f, double[] start, Listener listener) {
        double[] point = start.clone();
        NewtonSums sums = checked(f.at(point, true), 0);
        double[] gradient = sums.gradient();
        double threshold = tolerance * maxAbs(gradient);
        for (int iteration = 0; ; iteration++) {
            double maxGradient = maxAbs(gradient);
            if (maxGradient <= threshold) {
                return new Result(point, iteration, true, maxGradient, String.format(Locale.ROOT,
                        "Newton converged in %d iterations (max |gradient| %.2g)", iteration, maxGradient));
            }
            if (iteration == maxIterations) {
                return new Result(point, iteration, false, maxGradient, String.format(Locale.ROOT,
                        "Newton stopped at its cap of %d iterations without converging (max |gradient| %.2g, "
                                + "%.2g of the start's)", iteration, maxGradient, maxGradient * tolerance / threshold));
            }
            double[] direction = direction(sums, gradient);
            double slope = 0.0;
            for (int k = 0; k < direction.length; k++) {
                slope += gradient[k] * direction[k];
            }
            if (slope <= RESOLUTION * Math.max(1.0, Math.abs(sums.value()))) {
                // The step promises an increase of about slope / 2, too little for F to resolve in double precision
                // (F sums many terms): a line search would halve the step on rounding noise. Near the optimum the
                // full Newton step is taken while it shrinks the gradient.
                double[] trial = new double[point.length];
                for (int k = 0; k < trial.length; k++) {
                    trial[k] = point[k] + direction[k];
                }
                NewtonSums atTrial = checked(f.at(trial, true), iteration + 1);
                if (!(maxAbs(atTrial.gradient()) < maxGradient)) {
                    return new Result(point, iteration, false, maxGradient, String.format(Locale.ROOT,
                            "Newton stopped after %d iterations at the objective's precision: the full step no longer "
                                    + "shrinks the gradient (max |gradient| %.2g, %.2g of the start's)", iteration,
                            maxGradient, maxGradient * tolerance / threshold));
                }
                point = trial;
                sums = atTrial;
                gradient = sums.gradient();
                listener.iteration(iteration + 1, sums, maxAbs(gradient), 1.0);
                continue;
            }
            double[] next = null;
            double step = 1.0;
            for (int halving = 0; halving < MAX_HALVINGS && slope > 0.0; halving++, step /= 2.0) {
                double[] trial = new double[point.length];
                for (int k = 0; k < trial.length; k++) {
                    trial[k] = point[k] + step * direction[k];
                }
                if (f.at(trial, false).value() >= sums.value() + ARMIJO * step * slope) {
                    next = trial;
                    break;
                }
            }
            if (next == null) {
                return new Result(point, iteration, false, maxGradient, String.format(Locale.ROOT,
                        "Newton stopped after %d iterations: no step along the Newton direction increases the "
                                + "objective in double precision (max |gradient| %.2g)", iteration, maxGradient));
            }
            point = next;
            sums = checked(f.at(point, true), iteration + 1);
            gradient = sums.gradient();
            listener.iteration(iteration + 1, sums, maxAbs(gradient), step);
        }
    }

    /**
     * Solves (-H + tau I) delta = g. A value whose Hessian row is zero off the diagonal is solved on its own (0 when
     * its gradient and curvature are both zero); the others together, by Cholesky.
     */
    private static double[] direction(NewtonSums sums, double[] gradient) {
        int dimension = gradient.length;
        double[] full = new double[dimension];
        int[] moving = new int[dimension];
        int m = 0;
        for (int k = 0; k < dimension; k++) {
            int row = k;
            boolean alone = IntStream.range(0, dimension).allMatch(j -> j == row || sums.hessian(row, j) == 0.0);
            if (alone && sums.hessian(k, k) < 0.0) {
                full[k] = gradient[k] / -sums.hessian(k, k);
            } else if (!alone || gradient[k] != 0.0) {
                moving[m++] = k; // with no curvature at all, the ridge bounds its step
            }
        }
        if (m == 0) {
            return full;
        }
        double[][] negated = new double[m][m];
        double largest = 0.0;
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                negated[a][b] = -sums.hessian(moving[a], moving[b]);
                negated[b][a] = negated[a][b];
            }
            largest = Math.max(largest, negated[a][a]);
        }
        double scale = largest > 0.0 ? largest : 1.0;
        RealVector g = new ArrayRealVector(m);
        for (int a = 0; a < m; a++) {
            g.setEntry(a, gradient[moving[a]]);
        }
        double ridge = 0.0;
        while (true) {
            try {
                RealVector delta = new CholeskyDecomposition(new Array2DRowRealMatrix(negated, false),
                        CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 1e-12 * scale).getSolver().solve(g);
                for (int a = 0; a < m; a++) {
                    full[moving[a]] = delta.getEntry(a);
                }
                return full;
            } catch (NonPositiveDefiniteMatrixException e) {
                double next = ridge == 0.0 ? FIRST_RIDGE * scale : 10.0 * ridge;
                if (!(next < 1e10 * scale)) {
                    throw new ArithmeticException("the Hessian has no usable Cholesky factor (not finite?)");
                }
                for (int a = 0; a < m; a++) {
                    negated[a][a] += next - ridge;
                }
                ridge = next;
            }
        }
    }

    private static NewtonSums checked(NewtonSums sums, int iteration) {
        if (!Double.isFinite(sums.value()) || !Double.isFinite(maxAbs(sums.gradient()))) {
            throw new ArithmeticException("the objective or its gradient is " + sums.value() + " at Newton iteration "
                    + iteration);
        }
        return sums;
    }

    private static double maxAbs(double[] values) {
        double max = 0.0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
