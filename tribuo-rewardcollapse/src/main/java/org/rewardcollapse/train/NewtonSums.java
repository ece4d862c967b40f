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

import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.model.DenseLayers;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.utility.Utility;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The objective of a linear reward model r = w . x + b, with its gradient and Hessian in (w, b), summed over prompt
 * groups: the unit of work of {@link NewtonSolver}, which a distributed driver sums over partitions ({@link #add} and
 * {@link #merge} are a Spark {@code treeAggregate}'s sequence and combine operations). The objective is
 * <pre>
 *   F(w, b) = - sum over groups of L_g(r) - (l2 / 2) * sum of the penalised weights squared
 * </pre>
 * with L_g the group's {@link RankingLoss} (its pairs' utilities, weights and margin, and the centring penalty), so
 * the two solvers cannot disagree on what is maximised; the L2 term is not a sum over groups and is added once by
 * {@link #penalise}. A group with n responses, features X (n by d, sparse rows) and loss Hessian Lambda in its rewards
 * (a weighted Laplacian, plus the centring term) adds {@code -X^T Lambda X} to the Hessian, computed over its responses
 * as the sum of {@code x_i (Lambda X)_i^T} on the m columns its responses use: O(n^2 m + n nnz m + m^2) a group, not
 * pairs times d^2. Without centring the loss sees reward differences only, so the gradient and Hessian are summed over
 * each response's features less the group's first response's: the bias and the features constant within every group
 * (the prompt's words) then get exactly zero data terms, and the solver leaves them at 0 (their optimum).
 * <p>
 * The Hessian is dense, its upper triangle (row &lt;= column) stored row-major in one array; sums run in a fixed order,
 * so equal inputs give bit-identical sums.
 */
public final class NewtonSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int dimension;
    private final double[] gradient;
    private final double[] hessian;
    private double value;
    private double correctPairs;
    private long pairs;
    private int groups;

    /**
     * Empty sums (the zero of the aggregation).
     * @param features The number of features d; the sums are over d weights and the bias.
     * @param curvature Sum the Hessian too (else only the value and gradient, for a line search).
     */
    public NewtonSums(int features, boolean curvature) {
        if (features < 1) {
            throw new IllegalArgumentException("a linear reward model needs at least one feature, found " + features);
        }
        this.dimension = features + 1;
        this.gradient = new double[dimension];
        this.hessian = curvature ? new double[Math.multiplyExact(dimension, dimension)] : null;
    }

    /**
     * Adds one group at a point.
     * @param group The group.
     * @param u Its utility.
     * @param loss The loss.
     * @param features The features of every example, by example index.
     * @param point The weights, then the bias ({@code d + 1} values).
     */
    public void add(RankingGroup group, Utility u, RankingLoss loss, SparseFeatures[] features, double[] point) {
        int n = group.size();
        int bias = dimension - 1;
        SparseFeatures[] x = new SparseFeatures[n];
        double[] rewards = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = features[group.exampleIndex(k)];
            double r = point[bias];
            for (int j = 0; j < x[k].size(); j++) {
                r += point[x[k].indices()[j]] * x[k].values()[j];
            }
            rewards[k] = r;
        }
        double[] slope = new double[n];
        double[][] curvature = hessian == null ? null : new double[n][n];
        value -= loss.lossGradientAndHessian(group, u, rewards, slope, curvature);
        correctPairs += RankingLoss.correctPairs(group, rewards);
        pairs += group.numPairs();
        groups++;
        boolean withBias = loss.centres();
        SparseFeatures[] rows = withBias ? x : relativeToFirst(x);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < rows[k].size(); j++) {
                gradient[rows[k].indices()[j]] -= slope[k] * rows[k].values()[j];
            }
            if (withBias) {
                gradient[bias] -= slope[k];
            }
        }
        if (curvature != null) {
            addCurvature(rows, curvature, withBias);
        }
    }

    /**
     * The rows less the first one. Without centring the loss sees reward differences only, so its gradient and
     * Hessian in the rewards sum to zero over the group, and X and X - 1 x_1^T give the same sums in exact arithmetic;
     * the second leaves out the columns constant within the group (prompt features), whose sums are exactly zero then.
     */
    private static SparseFeatures[] relativeToFirst(SparseFeatures[] x) {
        SparseFeatures[] rows = new SparseFeatures[x.length];
        SparseFeatures first = x[0];
        for (int k = 0; k < x.length; k++) {
            int[] indices = new int[x[k].size() + first.size()];
            double[] values = new double[indices.length];
            int a = 0;
            int b = 0;
            int size = 0;
            while (a < x[k].size() || b < first.size()) {
                int ia = a < x[k].size() ? x[k].indices()[a] : Integer.MAX_VALUE;
                int ib = b < first.size() ? first.indices()[b] : Integer.MAX_VALUE;
                int column = Math.min(ia, ib);
                double v = (ia == column ? x[k].values()[a++] : 0.0) - (ib == column ? first.values()[b++] : 0.0);
                if (v != 0.0) {
                    indices[size] = column;
                    values[size++] = v;
                }
            }
            rows[k] = new SparseFeatures(Arrays.copyOf(indices, size), Arrays.copyOf(values, size));
        }
        return rows;
    }

    /** Adds -X^T Lambda X over the columns the group's responses use, the bias last. */
    private void addCurvature(SparseFeatures[] x, double[][] lambda, boolean withBias) {
        int n = x.length;
        int[] columns = usedColumns(x, withBias);
        int m = columns.length;
        double[][] local = new double[n][m];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < x[k].size(); j++) {
                local[k][Arrays.binarySearch(columns, x[k].indices()[j])] = x[k].values()[j];
            }
            if (withBias) {
                local[k][m - 1] = 1.0;
            }
        }
        double[][] lambdaX = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (lambda[i][k] != 0.0) {
                    DenseLayers.axpy(lambda[i][k], local[k], lambdaX[i]);
                }
            }
        }
        double[][] block = new double[m][];
        for (int a = 0; a < m; a++) {
            block[a] = new double[m];
        }
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < m; a++) {
                double v = local[i][a];
                if (v != 0.0) {
                    double[] row = block[a];
                    double[] lx = lambdaX[i];
                    for (int b = a; b < m; b++) {
                        row[b] += v * lx[b];
                    }
                }
            }
        }
        for (int a = 0; a < m; a++) {
            int offset = columns[a] * dimension;
            for (int b = a; b < m; b++) {
                hessian[offset + columns[b]] -= block[a][b];
            }
        }
    }

    /** The sorted distinct columns of a group's responses, the bias (the last column) too when asked. */
    private int[] usedColumns(SparseFeatures[] x, boolean withBias) {
        int total = withBias ? 1 : 0;
        for (SparseFeatures f : x) {
            total += f.size();
        }
        int[] all = new int[total];
        int at = 0;
        for (SparseFeatures f : x) {
            System.arraycopy(f.indices(), 0, all, at, f.size());
            at += f.size();
        }
        if (withBias) {
            all[at] = dimension - 1;
        }
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    /**
     * Adds other sums to these (the same point and dimension).
     * @param other The sums to add.
     * @return These sums.
     */
    public NewtonSums merge(NewtonSums other) {
        if (other.dimension != dimension || (other.hessian == null) != (hessian == null)) {
            throw new IllegalArgumentException("cannot merge sums over " + other.dimension + " values"
                    + (other.hessian == null ? "" : " with curvature") + " into sums over " + dimension);
        }
        value += other.value;
        correctPairs += other.correctPairs;
        pairs += other.pairs;
        groups += other.groups;
        DenseLayers.axpy(1.0, other.gradient, gradient);
        if (hessian != null) {
            DenseLayers.axpy(1.0, other.hessian, hessian);
        }
        return this;
    }

    /**
     * Subtracts the L2 penalty {@code (l2 / 2) * sum of w_k^2} over the weights not exempt (never the bias), once,
     * after all groups are summed.
     * @param l2 The coefficient, &gt;= 0.
     * @param exempt Per feature, true when its weight is not penalised.
     * @param point The weights, then the bias.
     */
    public void penalise(double l2, boolean[] exempt, double[] point) {
        if (l2 == 0.0) {
            return;
        }
        for (int k = 0; k < dimension - 1; k++) {
            if (!exempt[k]) {
                value -= 0.5 * l2 * point[k] * point[k];
                gradient[k] -= l2 * point[k];
                if (hessian != null) {
                    hessian[k * dimension + k] -= l2;
                }
            }
        }
    }

    /**
     * The number of values: the features, then the bias.
     * @return d + 1.
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The objective F.
     * @return The value.
     */
    public double value() {
        return value;
    }

    /**
     * The gradient of F in the weights, then the bias.
     * @return A copy.
     */
    public double[] gradient() {
        return gradient.clone();
    }

    /**
     * One entry of the Hessian of F.
     * @param i A row.
     * @param j A column.
     * @return d2F / dw_i dw_j.
     * @throws IllegalStateException If the sums have no curvature.
     */
    public double hessian(int i, int j) {
        if (hessian == null) {
            throw new IllegalStateException("these sums were made without curvature");
        }
        return i <= j ? hessian[i * dimension + j] : hessian[j * dimension + i];
    }

    /**
     * Were the sums made with the Hessian?
     * @return True if so.
     */
    public boolean hasCurvature() {
        return hessian != null;
    }

    /**
     * The correctly ordered pairs at the point, ties counting one half.
     * @return The count.
     */
    public double correctPairs() {
        return correctPairs;
    }

    /**
     * The ordered pairs summed over.
     * @return The count.
     */
    public long pairs() {
        return pairs;
    }

    /**
     * The groups summed over.
     * @return The count.
     */
    public int groups() {
        return groups;
    }
}
