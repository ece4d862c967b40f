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

import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Trainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy spec strings, as the command line takes them:
 * <ul>
 *     <li>a utility spec ({@code log-sigmoid:1}, {@code inverse}): {@link FixedUtilityPolicy};</li>
 *     <li>{@code TYPE=SPEC,TYPE=SPEC} ({@code open=inverse,closed=linear}, the paper's scheme; an {@code eps=E}
 *     token belongs to the utility before it; {@code *=SPEC} is the utility of prompts without a type):
 *     {@link PromptTypePolicy};</li>
 *     <li>{@code auto:cardinal[,pool=KEY][,eps=E]} (or {@code auto}): {@link CardinalShapePolicy};</li>
 *     <li>{@code auto:classifier[,features=PREFIX][,fraction=F],TYPE=SPEC,...}: {@link ClassifierTypePolicy} with
 *     Tribuo's logistic regression.</li>
 * </ul>
 * Utility specs are read as training reads them ({@link Utilities#parseForTraining}).
 */
public final class Policies {
    /** Head of the cardinal-score automatic policy. */
    public static final String AUTO_CARDINAL = "auto:cardinal";
    /** Head of the classifier automatic policy. */
    public static final String AUTO_CLASSIFIER = "auto:classifier";
    /** The accepted forms, for messages. */
    public static final String FORMS = "a utility (e.g. log-sigmoid:1), TYPE=UTILITY,... (e.g. open=inverse,closed=linear), "
            + AUTO_CARDINAL + "[,pool=KEY][,eps=E] or " + AUTO_CLASSIFIER + "[,features=PREFIX][,fraction=F],TYPE=UTILITY,...";

    private Policies() {}

    /**
     * Parses a policy spec.
     * @param spec The spec.
     * @return The policy.
     * @throws IllegalArgumentException With a message naming the spec and what is wrong.
     */
    public static UtilityPolicy parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty policy spec; expected " + FORMS);
        }
        String text = spec.strip();
        try {
            if (text.equals("auto") || text.startsWith(AUTO_CARDINAL)) {
                return cardinal(text.equals("auto") ? "" : text.substring(AUTO_CARDINAL.length()));
            }
            if (text.startsWith(AUTO_CLASSIFIER)) {
                return classifier(text.substring(AUTO_CLASSIFIER.length()));
            }
            if (text.startsWith("auto")) {
                throw new IllegalArgumentException("unknown automatic policy; expected " + AUTO_CARDINAL + " or "
                        + AUTO_CLASSIFIER);
            }
            Map<String, String> options = new LinkedHashMap<>();
            Map<String, String> types = typeMap(text, options, List.of());
            if (types.isEmpty()) {
                return new FixedUtilityPolicy(text);
            }
            String untyped = types.remove(UtilityByType.ANY_TYPE);
            return new PromptTypePolicy(types, untyped == null ? "" : untyped);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("policy '")) {
                throw e;
            }
            throw new IllegalArgumentException("policy '" + spec + "': " + e.getMessage(), e);
        }
    }

    private static UtilityPolicy cardinal(String rest) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> types = typeMap(stripComma(rest), options, List.of("pool", "eps"));
        if (!types.isEmpty()) {
            throw new IllegalArgumentException(AUTO_CARDINAL + " takes only pool=KEY and eps=E, found " + types.keySet());
        }
        double eps = options.containsKey("eps") ? number("eps", options.get("eps")) : Utilities.TRAINING_EPS;
        return new CardinalShapePolicy(options.getOrDefault("pool", ""), eps, 30, Trainer.DEFAULT_SEED);
    }

    private static UtilityPolicy classifier(String rest) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> types = typeMap(stripComma(rest), options, List.of("features", "fraction"));
        if (types.isEmpty()) {
            throw new IllegalArgumentException(AUTO_CLASSIFIER + " needs TYPE=UTILITY entries, e.g. "
                    + AUTO_CLASSIFIER + ",open=inverse,closed=linear");
        }
        double fraction = options.containsKey("fraction") ? number("fraction", options.get("fraction")) : 1.0;
        return new ClassifierTypePolicy(types, new LogisticRegressionTrainer(), options.getOrDefault("features", ""),
                fraction, Trainer.DEFAULT_SEED);
    }

    /**
     * Splits {@code a=x,eps=0.1,b=y} into type entries; {@code eps=} tokens extend the entry before them, and the
     * named option keys go to {@code options} (an {@code eps} with no entry before it is an option too).
     */
    private static Map<String, String> typeMap(String text, Map<String, String> options, List<String> optionKeys) {
        Map<String, String> types = new LinkedHashMap<>();
        if (text.isEmpty() || !text.contains("=")) {
            return types;
        }
        String last = null;
        for (String raw : text.split(",", -1)) {
            String token = raw.strip();
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1) {
                if (types.isEmpty() && options.isEmpty() && !token.contains("=")) {
                    return Map.of();
                }
                throw new IllegalArgumentException("expected KEY=VALUE, found '" + token + "'");
            }
            String key = token.substring(0, eq).strip();
            String value = token.substring(eq + 1).strip();
            if (key.equals("eps") && last != null) {
                types.put(last, types.get(last) + ",eps=" + value);
            } else if (optionKeys.contains(key)) {
                if (options.put(key, value) != null) {
                    throw new IllegalArgumentException("option '" + key + "' given twice");
                }
            } else {
                if (types.put(key, value) != null) {
                    throw new IllegalArgumentException("prompt type '" + key + "' given twice");
                }
                last = key;
            }
        }
        return types;
    }

    private static String stripComma(String rest) {
        String r = rest.strip();
        if (r.isEmpty()) {
            return r;
        }
        if (!r.startsWith(",")) {
            throw new IllegalArgumentException("expected ',' after the policy name, found '" + r + "'");
        }
        return r.substring(1).strip();
    }

    private static double number(String what, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, found '" + text + "'");
        }
    }
}
