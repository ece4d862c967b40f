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
 * The closed-form limit law of a utility's interpolating optimum as n grows, as far as it is known.
 * @param kind Which kind of law.
 * @param betaShape For {@link Kind#SYMMETRIC_BETA}, the a of Beta(a, a); NaN otherwise.
 */
public record LimitShape(Kind kind, double betaShape) {
    /** Kinds of limit law. */
    public enum Kind {
        /** Beta(a, a) with a in (0, 1]: arcsine at a = 1/2, uniform at a = 1. */
        SYMMETRIC_BETA,
        /** Point masses 1/2 at 0 and 1/2 at 1 (polarised). */
        TWO_POINT,
        /** Equal atoms at 0 and 1 plus a continuous middle, with no closed form (log-sigmoid). */
        ATOMS_AND_CONTINUUM,
        /** No closed form is known (for example the eps-shifted utilities). */
        UNKNOWN
    }

    /**
     * Beta(a, a).
     * @param a The shape, in (0, 1].
     * @return The limit shape.
     */
    public static LimitShape beta(double a) {
        if (!(a > 0.0 && a <= 1.0)) {
            throw new IllegalArgumentException("a symmetric Beta limit needs a in (0, 1], found " + a);
        }
        return new LimitShape(Kind.SYMMETRIC_BETA, a);
    }

    /** The two-point law. */
    public static final LimitShape TWO_POINT = new LimitShape(Kind.TWO_POINT, Double.NaN);
    /** Atoms at both ends and a continuous middle. */
    public static final LimitShape ATOMS_AND_CONTINUUM = new LimitShape(Kind.ATOMS_AND_CONTINUUM, Double.NaN);
    /** Unknown. */
    public static final LimitShape UNKNOWN = new LimitShape(Kind.UNKNOWN, Double.NaN);
}
