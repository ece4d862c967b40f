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
package org.rewardcollapse.eval;

import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.source.DataFormatException;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.model.GroupRewards;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups predictions by prompt: the input of every evaluation. Each group keeps its responses in input order with
 * their ground-truth scores (the examples' targets) and predicted rewards.
 */
public final class ScoredGroups {
    private ScoredGroups() {}

    /**
     * Predicts a dataset with a model and groups the predictions, with the default metadata keys.
     * @param model The model.
     * @param data The data.
     * @return The groups, in order of first appearance.
     */
    public static List<GroupRewards> predict(Model<Regressor> model, Dataset<Regressor> data) {
        return fromPredictions(model.predict(data), RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
    }

    /**
     * Groups predictions by their examples' prompt-id metadata.
     * @param predictions The predictions (each carries its example, truth and metadata).
     * @param promptIdKey The prompt-id key.
     * @param promptTypeKey The prompt-type key.
     * @return The groups, in order of first appearance.
     * @throws IllegalArgumentException If an example has no prompt id or no finite score, a reward is NaN or
     *                                  infinite, or a group mixes prompt types; the message names the prompt and
     *                                  the response's position in it.
     */
    public static List<GroupRewards> fromPredictions(List<Prediction<Regressor>> predictions, String promptIdKey,
                                                     String promptTypeKey) {
        Map<String, List<double[]>> members = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (int p = 0; p < predictions.size(); p++) {
            Prediction<Regressor> prediction = predictions.get(p);
            Example<Regressor> example = prediction.getExample();
            int index = p;
            String id = example.getMetadataValue(promptIdKey).map(Object::toString).orElseThrow(() ->
                    new IllegalArgumentException("prediction " + index + ": its example has no '" + promptIdKey
                            + "' metadata (the prompt group id)"));
            String type = example.getMetadataValue(promptTypeKey).map(Object::toString).orElse(null);
            if (types.containsKey(id) && !Objects.equals(types.get(id), type)) {
                throw new IllegalArgumentException("prompt '" + id + "' mixes prompt types '" + types.get(id)
                        + "' and '" + type + "'");
            }
            types.put(id, type);
            List<double[]> list = members.computeIfAbsent(id, k -> new ArrayList<>());
            double score = example.getOutput().getValues()[0];
            double reward = prediction.getOutput().getValues()[0];
            require(Double.isFinite(score), id, list.size(), "has no finite ground-truth score (" + score + ")");
            require(Double.isFinite(reward), id, list.size(), "has a non-finite reward " + reward);
            list.add(new double[]{score, reward});
        }
        List<GroupRewards> groups = new ArrayList<>(members.size());
        for (Map.Entry<String, List<double[]>> entry : members.entrySet()) {
            List<double[]> list = entry.getValue();
            groups.add(new GroupRewards(entry.getKey(), types.get(entry.getKey()),
                    list.stream().mapToDouble(v -> v[0]).toArray(), list.stream().mapToDouble(v -> v[1]).toArray()));
        }
        return groups;
    }

    /**
     * Each prompt's response lengths, from the examples' {@link RankingMetadata#RESPONSE_LENGTH_KEY} metadata.
     * @param examples The examples, in data order.
     * @param promptIdKey The prompt-id key.
     * @return Prompt id to lengths in response order; empty when any example has no recorded length (no text).
     */
    public static Map<String, double[]> lengths(List<? extends Example<?>> examples, String promptIdKey) {
        Map<String, List<Integer>> byPrompt = new LinkedHashMap<>();
        for (Example<?> example : examples) {
            int length = RankingMetadata.responseLength(example);
            Object id = example.getMetadataValue(promptIdKey).orElse(null);
            if (length < 0 || id == null) {
                return Map.of();
            }
            byPrompt.computeIfAbsent(id.toString(), k -> new ArrayList<>()).add(length);
        }
        Map<String, double[]> lengths = new LinkedHashMap<>();
        byPrompt.forEach((id, list) -> lengths.put(id, list.stream().mapToDouble(Integer::doubleValue).toArray()));
        return lengths;
    }

    /**
     * Joins a scores file's rewards with the data they score: each prompt group of the data, in order, gets the
     * rewards of its responses by position.
     * @param examples The data's examples (targets and metadata), in file order.
     * @param rewards The rewards by prompt, as {@link ScoresFile#read} returns them.
     * @param scoresFile The scores file, for messages.
     * @param promptIdKey The prompt-id key.
     * @param promptTypeKey The prompt-type key.
     * @return The groups.
     * @throws DataFormatException If a prompt of the data has no rewards or a different number of them, or the
     *                             scores file names a prompt or a response the data does not have; the message names
     *                             the scores file's line.
     */
    public static List<GroupRewards> fromScores(List<? extends Example<Regressor>> examples,
                                                Map<String, ScoresFile.PromptScores> rewards, Path scoresFile,
                                                String promptIdKey, String promptTypeKey) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Example<Regressor> example : examples) {
            String id = example.getMetadataValue(promptIdKey).map(Object::toString).orElseThrow(() ->
                    new IllegalArgumentException("an example has no '" + promptIdKey + "' metadata"));
            sizes.merge(id, 1, Integer::sum);
        }
        for (Map.Entry<String, ScoresFile.PromptScores> entry : rewards.entrySet()) {
            Integer size = sizes.get(entry.getKey());
            ScoresFile.PromptScores scored = entry.getValue();
            if (size == null) {
                throw new DataFormatException(scoresFile, scored.firstLine(), ScoresFile.PROMPT_ID, "prompt '"
                        + entry.getKey() + "' is not in the data (was it scored from another file?)");
            }
            if (scored.size() > size) {
                throw new DataFormatException(scoresFile, scored.line(size), ScoresFile.RESPONSE_INDEX, "response_index "
                        + size + " of prompt '" + entry.getKey() + "', which has " + size + " responses in the data");
            }
        }
        List<Prediction<Regressor>> predictions = new ArrayList<>(examples.size());
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, double[]> arrays = new LinkedHashMap<>();
        for (Example<Regressor> example : examples) {
            String id = example.getMetadataValue(promptIdKey).map(Object::toString).orElseThrow();
            ScoresFile.PromptScores scored = rewards.get(id);
            if (scored == null) {
                throw new DataFormatException(scoresFile, "no reward for prompt '" + id + "' of the data");
            }
            int position = seen.merge(id, 1, Integer::sum) - 1;
            if (position >= scored.size()) {
                throw new DataFormatException(scoresFile, scored.line(scored.size() - 1), ScoresFile.RESPONSE_INDEX,
                        "prompt '" + id + "' has " + scored.size() + " scored responses but " + sizes.get(id)
                                + " in the data");
            }
            double reward = arrays.computeIfAbsent(id, k -> scored.rewards())[position];
            predictions.add(new Prediction<>(new Regressor(RankingMetadata.REWARD_DIMENSION, reward), 0, example));
        }
        return fromPredictions(predictions, promptIdKey, promptTypeKey);
    }

    private static void require(boolean condition, String promptId, int position, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("prompt '" + promptId + "', response " + position + " " + problem);
        }
    }
}
