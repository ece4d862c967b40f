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
package org.rewardcollapse.io;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A configured setting out of range, or a choice that needs another setting: the message names settings by their
 * configuration fields (the names a configuration file uses), and a front end that calls them something else (a
 * command-line option) renames them with {@link #message(UnaryOperator)} instead of parsing the message.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final String ALL = "{all}";

    private final String pattern;
    private final List<String> settings;

    private InvalidSettingException(String pattern, List<String> settings, UnaryOperator<String> naming) {
        super(format(pattern, settings, naming));
        this.pattern = pattern;
        this.settings = List.copyOf(settings);
    }

    /**
     * A setting out of range.
     * @param setting The configuration field, e.g. {@code margin}.
     * @param problem What is wrong, phrased to follow the name, e.g. {@code must be >= 0, found -1}.
     */
    public InvalidSettingException(String setting, String problem) {
        this("{0} " + problem, List.of(setting), UnaryOperator.identity());
    }

    /**
     * Settings that are wrong together.
     * @param settings The configuration fields, in the order the message names them.
     * @param problem What is wrong, phrased to follow the names.
     */
    public InvalidSettingException(List<String> settings, String problem) {
        this(ALL + " " + problem, settings, UnaryOperator.identity());
    }

    /**
     * An error whose message names settings anywhere: {@code {0}}, {@code {1}}... stand for the settings.
     * @param pattern The message, e.g. {@code prompt 'p' has no type: set {0} or {1}}.
     * @param settings The configuration fields the placeholders stand for.
     * @return The error.
     */
    public static InvalidSettingException naming(String pattern, String... settings) {
        return new InvalidSettingException(pattern, List.of(settings), UnaryOperator.identity());
    }

    /**
     * Checks a condition on a setting.
     * @param condition What must hold.
     * @param setting The configuration field.
     * @param problem What is wrong when it does not hold.
     * @throws InvalidSettingException If the condition is false.
     */
    public static void require(boolean condition, String setting, String problem) {
        if (!condition) {
            throw new InvalidSettingException(setting, problem);
        }
    }

    /**
     * The settings the message names.
     * @return Their configuration field names.
     */
    public List<String> settings() {
        return settings;
    }

    /**
     * The message with every setting named another way.
     * @param naming What each configuration field is called there (e.g. its command-line option).
     * @return The message.
     */
    public String message(UnaryOperator<String> naming) {
        return format(pattern, settings, naming);
    }

    /**
     * Names as a message gives them: {@code a}, {@code a and b}, {@code a, b and c}.
     * @param names The names.
     * @return The phrase.
     */
    public static String names(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String format(String pattern, List<String> settings, UnaryOperator<String> naming) {
        List<String> named = settings.stream().map(naming).toList();
        String message = pattern.replace(ALL, names(named));
        for (int i = 0; i < named.size(); i++) {
            message = message.replace("{" + i + "}", named.get(i));
        }
        return message;
    }
}
