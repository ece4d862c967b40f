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
package org.rewardcollapse.data.source;

import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The file formats the loaders read, by the names used in configurations and on the command line, with
 * detection from a file's content.
 */
public enum DataFormat {
    /** Generic ranked JSONL ({@link RankedJsonlSource}). */
    RANKED(RankedJsonlSource.FORMAT),
    /** OpenAssistant message trees ({@link OasstTreeSource}). */
    OASST(OasstTreeSource.FORMAT),
    /** Chosen/rejected pairs ({@link PairwiseJsonlSource}), TRL's preference format included. */
    PAIRS(PairwiseJsonlSource.FORMAT),
    /**
     * One prompt and response per line ({@link RolloutsSource}): a policy's rollouts, TRL's prompt-completion,
     * conversational and unpaired-preference (KTO) formats.
     */
    ROLLOUTS(RolloutsSource.FORMAT),
    /** LETOR / SVMlight ({@link LetorSource}). */
    LETOR(LetorSource.FORMAT);

    private static final Pattern LETOR_LINE = Pattern.compile("^[-+]?[0-9][0-9.eE+-]*(\\s+(qid:\\S+|[0-9]+:\\S+))+\\s*(#.*)?$");

    private final String formatName;

    DataFormat(String formatName) {
        this.formatName = formatName;
    }

    /**
     * The name used in configurations and on the command line.
     * @return The name.
     */
    public String formatName() {
        return formatName;
    }

    /**
     * The format with the given name.
     * @param name The name (case-insensitive).
     * @return The format.
     * @throws IllegalArgumentException If no format has that name; the message lists the names.
     */
    public static DataFormat fromName(String name) {
        for (DataFormat format : values()) {
            if (format.formatName.equals(name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (expected one of " + names() + ")");
    }

    /**
     * The format names, comma-separated.
     * @return The names.
     */
    public static String names() {
        return Arrays.stream(values()).map(DataFormat::formatName).collect(Collectors.joining(", "));
    }

    /**
     * Opens a file in this format with the default metadata keys and read options.
     * @param file The file.
     * @param featurizer The featuriser for text formats (ignored by LETOR).
     * @return The loaded source.
     */
    public RankingDataSource open(Path file, ResponseFeaturizer featurizer) {
        return open(file, featurizer, ReadOptions.DEFAULT);
    }

    /**
     * Opens a file in this format with the default metadata keys.
     * @param file The file.
     * @param featurizer The featuriser for text formats (ignored by LETOR).
     * @param options Type rules, labels, conversations (text formats; LETOR has no prompt text and always has labels).
     * @return The loaded source.
     */
    public RankingDataSource open(Path file, ResponseFeaturizer featurizer, ReadOptions options) {
        String id = RankingMetadata.DEFAULT_PROMPT_ID_KEY;
        String type = RankingMetadata.DEFAULT_PROMPT_TYPE_KEY;
        return switch (this) {
            case RANKED -> new RankedJsonlSource(file, featurizer, id, type, options);
            case OASST -> new OasstTreeSource(file, featurizer, id, type, options);
            case PAIRS -> new PairwiseJsonlSource(file, featurizer, id, type, options);
            case ROLLOUTS -> new RolloutsSource(file, featurizer, id, type, options);
            case LETOR -> {
                if (!options.typeRules().isEmpty()) {
                    throw new IllegalArgumentException("prompt-type rules need prompt text; the letor format has none");
                }
                yield new LetorSource(file);
            }
        };
    }

    /**
     * Detects the format from the first data line of a file.
     * @param file The file (plain or gzip).
     * @return The format.
     * @throws DataFormatException If no format or more than one matches.
     */
    public static DataFormat detect(Path file) {
        FirstLine first = firstDataLine(file);
        String line = first.text();
        List<DataFormat> matches = new ArrayList<>();
        if (line.startsWith("{")) {
            JsonRecord record = JsonLines.parse(file, first.number(), line);
            if (record.has("responses")) {
                matches.add(RANKED);
            }
            if (record.has("message_tree_id") || (record.has("prompt") && isObject(record) && !record.has("messages"))) {
                matches.add(OASST);
            }
            if (record.has("chosen") && record.has("rejected")) {
                matches.add(PAIRS);
            }
            if (record.has("response") || record.has("completion") || record.has("messages")) {
                matches.add(ROLLOUTS);
            }
            if (record.has("completions") && record.has("labels")) {
                throw record.error("completions", "TRL's stepwise-supervision format labels reasoning steps, not "
                        + "responses; give prompt/completion pairs (rollouts) or chosen/rejected pairs");
            }
        } else if (LETOR_LINE.matcher(line).matches()) {
            matches.add(LETOR);
        }
        if (matches.isEmpty()) {
            throw new DataFormatException(file, first.number(), null, "cannot tell the format from the first data line;"
                    + " give it as one of " + names());
        }
        if (matches.size() > 1) {
            throw new DataFormatException(file, first.number(), null, "ambiguous format: the first data line fits "
                    + matches.stream()
                    .map(DataFormat::formatName).collect(Collectors.joining(" and ")) + "; give the format explicitly");
        }
        return matches.get(0);
    }

    private static boolean isObject(JsonRecord record) {
        try {
            record.requireObject("prompt");
            return true;
        } catch (DataFormatException e) {
            return false;
        }
    }

    /** The first data line of a file and its number. */
    private record FirstLine(long number, String text) {}

    /** Stops reading at the first data line. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient FirstLine line;

        Found(FirstLine line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** The first line that is not blank and not a '#' comment, however many blank lines come before it. */
    private static FirstLine firstDataLine(Path file) {
        try {
            DataFiles.forEachLine(file, (number, line) -> {
                String text = line.strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    throw new Found(new FirstLine(number, text));
                }
            });
        } catch (Found found) {
            return found.line;
        }
        throw new DataFormatException(file, "no data line (the file is empty, or holds only blank lines and comments)");
    }
}
