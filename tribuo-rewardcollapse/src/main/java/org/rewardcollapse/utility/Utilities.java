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

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Spec strings of utilities, as used in configurations and on the command line:
 * {@code linear}, {@code log}, {@code inverse}, {@code power:G}, {@code neg-power:G}, {@code log-sigmoid:S},
 * where the singular families ({@code log}, {@code inverse}, {@code power}, {@code neg-power}) take
 * {@code ,eps=E} for the shifted C1-extended forms the paper trained with.
 * <p>
 * Also the inverse of the limit map: the utility whose interpolating optimum tends to a given Beta(a, a).
 */
public final class Utilities {
    /** Spec name of {@link LinearUtility}. */
    public static final String LINEAR = "linear";
    /** Spec name of {@link LogUtility}. */
    public static final String LOG = "log";
    /** Spec name of {@link InverseUtility}. */
    public static final String INVERSE = "inverse";
    /** Spec name of {@link PowerUtility}. */
    public static final String POWER = "power";
    /** Spec name of {@link NegativePowerUtility}. */
    public static final String NEG_POWER = "neg-power";
    /** Spec name of {@link LogSigmoidUtility}. */
    public static final String LOG_SIGMOID = "log-sigmoid";
    /** The shift that training gives the singular families when a spec names none (the paper's value). */
    public static final double TRAINING_EPS = 0.1;
    /** The accepted forms, for error messages. */
    public static final String FORMS = "linear, log, inverse, power:G, neg-power:G, log-sigmoid:S"
            + " (log, inverse, power and neg-power take ,eps=E)";

    private Utilities() {}

    /**
     * Parses a spec string.
     * @param spec The spec, e.g. {@code inverse,eps=0.1} or {@code power:0.5}.
     * @return The utility.
     * @throws IllegalArgumentException With a message naming the spec and what is wrong.
     */
    public static Utility parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty utility spec; expected one of " + FORMS);
        }
        String text = spec.strip().toLowerCase(Locale.ROOT);
        String[] parts = text.split(",", -1);
        String head = parts[0].strip();
        double eps = 0.0;
        boolean hasEps = false;
        for (int i = 1; i < parts.length; i++) {
            String option = parts[i].strip();
            if (!option.startsWith("eps=") || hasEps) {
                throw bad(spec, "unknown or repeated option '" + option + "' (only eps=E)");
            }
            eps = number(spec, "eps", option.substring(4));
            hasEps = true;
        }
        int colon = head.indexOf(':');
        String name = colon < 0 ? head : head.substring(0, colon).strip();
        String argument = colon < 0 ? null : head.substring(colon + 1).strip();
        try {
            Utility utility = switch (name) {
                case LINEAR -> {
                    noArgument(spec, name, argument);
                    noEps(spec, name, hasEps);
                    yield LinearUtility.INSTANCE;
                }
                case LOG -> {
                    noArgument(spec, name, argument);
                    yield new LogUtility(eps);
                }
                case INVERSE -> {
                    noArgument(spec, name, argument);
                    yield new InverseUtility(eps);
                }
                case POWER -> new PowerUtility(number(spec, "G", required(spec, name, argument)), eps);
                case NEG_POWER -> new NegativePowerUtility(number(spec, "G", required(spec, name, argument)), eps);
                case LOG_SIGMOID -> {
                    noEps(spec, name, hasEps);
                    yield new LogSigmoidUtility(number(spec, "S", required(spec, name, argument)));
                }
                default -> throw bad(spec, "unknown utility '" + name + "'; expected one of " + FORMS);
            };
            return utility;
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("utility '")) {
                throw e;
            }
            throw bad(spec, e.getMessage());
        }
    }

    /**
     * Parses a spec for training, where every pair's difference may be negative (a mis-ordered pair) and U must be
     * finite there. A family that is undefined below zero without a shift (log, inverse, power, neg-power) gets the
     * paper's training shift {@value #TRAINING_EPS} when the spec names none; a spec that sets {@code eps=0} for such a
     * family is rejected.
     * @param spec The spec, e.g. {@code inverse} (read as {@code inverse,eps=0.1}) or {@code log-sigmoid:0.25}.
     * @return The utility.
     * @throws IllegalArgumentException With a message naming the spec and what is wrong.
     */
    public static Utility parseForTraining(String spec) {
        Utility u = parse(spec);
        if (isTrainable(u)) {
            return u;
        }
        if (spec.toLowerCase(Locale.ROOT).contains("eps=")) {
            throw bad(spec, "U is undefined for mis-ordered pairs (x <= 0) with eps = 0; training needs eps > 0, "
                    + "e.g. " + u.spec() + ",eps=" + format(TRAINING_EPS));
        }
        return parse(spec + ",eps=" + format(TRAINING_EPS));
    }

    /**
     * Whether training can use a utility: it must be finite, with a finite slope, for mis-ordered pairs
     * (reward difference &lt;= 0), which the pure families with eps = 0 are not.
     * @param u The utility.
     * @return True when U(-1) and U'(0) are finite.
     */
    public static boolean isTrainable(Utility u) {
        return Double.isFinite(u.value(-1.0)) && Double.isFinite(u.derivative(0.0));
    }

    /**
     * The utility whose interpolating optimum tends to Beta(a, a): x^(1-2a) for a &lt; 1/2, log x for a = 1/2,
     * -x^-(2a-1) for a &gt; 1/2 (inverse at a = 1).
     * @param a The Beta shape, in (0, 1].
     * @return The utility (eps = 0).
     */
    public static Utility forBetaShape(double a) {
        return forBetaShape(a, 0.0);
    }

    /**
     * The utility of {@link #forBetaShape(double)} in its shifted form, as training uses it.
     * @param a The Beta shape, in (0, 1].
     * @param eps The shift, &gt;= 0 (0 for the pure family).
     * @return The utility.
     */
    public static Utility forBetaShape(double a, double eps) {
        if (!(a > 0.0 && a <= 1.0)) {
            throw new IllegalArgumentException("Beta(a, a) shape must be in (0, 1], found " + a);
        }
        if (a == 0.5) {
            return new LogUtility(eps);
        }
        if (a == 1.0) {
            return new InverseUtility(eps);
        }
        // 2a - 1 in decimal arithmetic, so that a = 0.782 gives the exponent 0.564, not 0.5640000000000001.
        double g = BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(2)).subtract(BigDecimal.ONE).doubleValue();
        return g < 0.0 ? new PowerUtility(-g, eps) : new NegativePowerUtility(g, eps);
    }

    /**
     * Formats a number as it is written in specs: shortest plain decimal.
     * @param value The number.
     * @return The text, e.g. {@code 0.5}, {@code 2}.
     */
    static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static double number(String spec, String what, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) {
                throw bad(spec, what + " must be finite, found '" + text + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(spec, what + " must be a number, found '" + text + "'");
        }
    }

    private static String required(String spec, String name, String argument) {
        if (argument == null || argument.isEmpty()) {
            throw bad(spec, name + " needs a parameter, e.g. " + name + (name.equals(LOG_SIGMOID) ? ":0.25" : ":0.5"));
        }
        return argument;
    }

    private static void noArgument(String spec, String name, String argument) {
        if (argument != null) {
            throw bad(spec, name + " takes no parameter");
        }
    }

    private static void noEps(String spec, String name, boolean hasEps) {
        if (hasEps) {
            throw bad(spec, name + " takes no eps");
        }
    }

    private static IllegalArgumentException bad(String spec, String problem) {
        return new IllegalArgumentException("utility '" + spec + "': " + problem);
    }
}
