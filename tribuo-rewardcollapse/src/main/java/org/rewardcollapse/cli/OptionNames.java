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
package org.rewardcollapse.cli;

import org.rewardcollapse.io.InvalidSettingException;

import java.util.List;
import java.util.Map;

/**
 * The command line's names for the library's settings: the library names a bad setting by its configuration field
 * ({@link InvalidSettingException}), and this one table says which option sets that field, so that an error names what
 * the user typed.
 */
public final class OptionNames {
    private static final Map<String, String> BY_FIELD = Map.ofEntries(
            Map.entry("Replace.EARLIER_OUTPUT", "--force"),
            Map.entry("policy", "--policy"),
            Map.entry("bounded", "--bounded"),
            Map.entry("solver", "--solver"),
            Map.entry("typeRules", "--type-rule"),
            Map.entry("untypedUtility", "--untyped-utility"),
            Map.entry("centringCoefficient", "--centring-coefficient"),
            Map.entry("pairWeighting", "--pair-weighting"),
            Map.entry("margin", "--margin"),
            Map.entry("lengthDecorrelation", "--length-decorrelation"),
            Map.entry("epochs", "--epochs"),
            Map.entry("minibatchSize", "--minibatch-size"),
            Map.entry("l2", "--l2"),
            Map.entry("unpenalised", "--unpenalised"),
            Map.entry("warmupSteps", "--warmup-steps"),
            Map.entry("decay", "--decay"),
            Map.entry("validationFraction", "--validation-fraction"),
            Map.entry("patience", "--patience"),
            Map.entry("numThreads", "--num-threads"),
            Map.entry("hiddenSizes", "--hidden-sizes"),
            Map.entry("activation", "--activation"),
            Map.entry("promptFeatures", "the prompt's words (--no-prompt-features)"),
            Map.entry("responseFeatures", "the response's words (--no-response-features)"),
            Map.entry("lengthFeatures", "the length features (--no-length-features)"),
            Map.entry("styleFeatures", "the style features (--style-features)"),
            Map.entry("lengthWeight", "--length-weight"),
            Map.entry("encoder numThreads", "--encoder-threads"),
            Map.entry("encoder maxTokens", "--encoder-max-tokens"),
            Map.entry("host", "--host"),
            Map.entry("port", "--port"),
            Map.entry("maxBatch", "--max-batch"),
            Map.entry("batchWaitMillis", "--batch-wait-ms"),
            Map.entry("maxBodyBytes", "--max-body-bytes"),
            Map.entry("maxItems", "--max-items"),
            Map.entry("maxTextChars", "--max-text-chars"),
            Map.entry("maxQueueItems", "--max-queue-items"),
            Map.entry("maxQueueRequests", "--max-queue-requests"),
            Map.entry("stripTokens", "--strip-token"),
            Map.entry("drainSeconds", "--drain-seconds"));

    private OptionNames() {}

    /**
     * The error as the command line says it: each setting by the option that sets it (a setting no option sets keeps
     * its field name).
     * @param e The error.
     * @return The message.
     */
    static String describe(InvalidSettingException e) {
        return e.message(OptionNames::option);
    }

    /**
     * The option that sets a setting.
     * @param field The setting's configuration field.
     * @return The option (or what it is called), or the field's name if no option sets it.
     */
    public static String option(String field) {
        return BY_FIELD.getOrDefault(field, field);
    }

    /**
     * The values of a list option whose single value {@code none} means no value at all.
     * @param values The values given (or the default).
     * @return The values, or the empty list for {@code none}.
     */
    public static List<String> noneIsEmpty(List<String> values) {
        return values.equals(List.of("none")) ? List.of() : values;
    }
}
