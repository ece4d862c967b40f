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
package org.rewardcollapse.utility;

/**
 * A utility family u defined for x &gt; 0, optionally shifted and extended as in the paper's code:
 * with eps &gt; 0, U(x) = u(x + eps) - u(eps) for x &gt; 0 and U(x) = u'(eps) x below (C1 at 0, so
 * mis-ordered pairs get a finite, linear penalty). With eps = 0, U = u on x &gt; 0 and U is -infinity below
 * where u is singular at 0.
 */
abstract class ShiftedUtility implements Utility {
    /** The shift; 0 for the pure family. */
    protected final double eps;

    /** The smallest positive shift: below it the optimum's gaps and U's slopes leave double precision. */
    static final double MIN_EPS = 1e-6;
    /** The largest shift: above it U'' underflows and U is linear in double precision. */
    static final double MAX_EPS = 1e6;

    ShiftedUtility(double eps) {
        if (!(eps == 0.0 || (eps >= MIN_EPS && eps <= MAX_EPS))) {
            throw new IllegalArgumentException("eps must be 0 or in [" + Utilities.format(MIN_EPS) + ", "
                    + Utilities.format(MAX_EPS) + "], found " + eps);
        }
        this.eps = eps;
    }

    /** u(x) for x &gt; 0. */
    abstract double u(double x);

    /** u'(x) for x &gt; 0. */
    abstract double du(double x);

    /** u''(x) for x &gt; 0. */
    abstract double d2u(double x);

    /** The limit of u at 0+ (may be -infinity). */
    abstract double uAtZero();

    /** The limit of u' at 0+ (may be +infinity). */
    abstract double duAtZero();

    /** The family's spec without eps. */
    abstract String baseSpec();

    /** The limit shape of the pure family (eps = 0). */
    abstract LimitShape pureLimitShape();

    @Override
    public final double value(double x) {
        if (eps > 0.0) {
            return x > 0.0 ? u(x + eps) - u(eps) : du(eps) * x;
        }
        return x > 0.0 ? u(x) : (x == 0.0 ? uAtZero() : Double.NEGATIVE_INFINITY);
    }

    @Override
    public final double derivative(double x) {
        if (eps > 0.0) {
            return x > 0.0 ? du(x + eps) : du(eps);
        }
        return x > 0.0 ? du(x) : duAtZero();
    }

    @Override
    public final double secondDerivative(double x) {
        if (eps > 0.0) {
            return x > 0.0 ? d2u(x + eps) : 0.0;
        }
        return x > 0.0 ? d2u(x) : Double.NEGATIVE_INFINITY;
    }

    @Override
    public boolean singularAtZero() {
        return eps == 0.0 && Double.isInfinite(duAtZero());
    }

    @Override
    public final LimitShape limitShape() {
        return eps == 0.0 ? pureLimitShape() : LimitShape.UNKNOWN;
    }

    @Override
    public final String spec() {
        return eps == 0.0 ? baseSpec() : baseSpec() + ",eps=" + Utilities.format(eps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Utility other && other.getClass() == getClass() && other.spec().equals(spec());
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }

    @Override
    public String toString() {
        return spec();
    }
}
