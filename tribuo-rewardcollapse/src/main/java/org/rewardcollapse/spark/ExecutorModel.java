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
package org.rewardcollapse.spark;

import org.apache.spark.sql.Row;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.JsonlLineParser;
import org.rewardcollapse.data.source.LoadReport;
import org.rewardcollapse.data.source.PromptTypeRules;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exported reward model as an executor holds it: opened once per JVM from the broadcast bytes, its ONNX Runtime
 * session shared by every task (sessions are thread-safe), its featuriser rebuilt from the model's metadata once per
 * task thread (the text pipeline's tokenisers are not shared across threads), closed when the JVM exits.
 */
final class ExecutorModel {
    /** Lines parsed and scored together: one featuriser call and one batch of ONNX Runtime runs. */
    static final int CHUNK = 512;
    private static final Map<String, ExecutorModel> OPEN = new ConcurrentHashMap<>();

    static {
        ExecutorTokenizers.setUp();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.values().forEach(m -> m.scorer.close()),
                "reward-model-shutdown"));
    }

    private final OnnxRewardScorer scorer;
    private final ThreadLocal<ResponseFeaturizer> featurizer;
    private final PromptTypeRules rules;
    private final int embeddingWidth;

    private ExecutorModel(ScoringSettings settings, byte[] model) {
        scorer = OnnxRewardScorer.open(model, Path.of(settings.modelName()), Device.parse(settings.device()),
                settings.batchSize(), settings.ortThreads());
        // The encoder runs with the job's threads and device, and caches only where the job says (never, by default,
        // in the home directory of each node).
        EncoderSetup encoder = new EncoderSetup(null, settings.device(), settings.embeddingCache() == null ? null
                : Path.of(settings.embeddingCache()), settings.ortThreads());
        featurizer = ThreadLocal.withInitial(() -> scorer.metadata().rebuildFeaturizer(encoder).orElse(null));
        rules = PromptTypeRules.parse(settings.typeRules());
        embeddingWidth = ResponseFeaturizer.embeddingWidth(scorer.metadata().features());
    }

    /**
     * The model of some settings in this JVM, opened on first use.
     * @param settings The settings (the model's SHA-256 among them).
     * @param model The model's bytes (the broadcast value).
     * @return The model.
     */
    static ExecutorModel get(ScoringSettings settings, byte[] model) {
        return OPEN.computeIfAbsent(settings.key(), key -> new ExecutorModel(settings, model));
    }

    /**
     * Scores a partition of JSONL lines, chunk by chunk as the iterator is read.
     * @param lines Rows of (file, line, text).
     * @param parser The format's line parser.
     * @return Outcome rows ({@link SparkScoring#OUTCOMES}): one per scored response, one per bad line.
     */
    Iterator<Row> scoreLines(Iterator<Row> lines, JsonlLineParser parser) {
        return new ChunkedRows(lines, chunk -> scoreChunk(chunk, parser));
    }

    private List<Row> scoreChunk(List<Row> chunk, JsonlLineParser parser) {
        List<Row> out = new ArrayList<>();
        ParsedChunk parsed = ParsedChunk.parse(chunk, parser, SparkScoring::bad, out);
        List<PromptGroup> groups = parsed.groups();
        List<Row> origins = parsed.origins();
        score(typed(groups, origins, null, out), origins, null, out);
        return out;
    }

    /**
     * Scores a partition of Parquet rows of one response each, chunk by chunk as the iterator is read.
     * @param rows Rows of (file, row number, the Parquet row).
     * @return Outcome rows.
     */
    Iterator<Row> scoreParquetRows(Iterator<Row> rows) {
        return new ChunkedRows(rows, this::scoreParquetChunk);
    }

    private List<Row> scoreParquetChunk(List<Row> chunk) {
        List<Row> out = new ArrayList<>();
        List<PromptGroup> groups = new ArrayList<>();
        List<Row> origins = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<Row> denseOrigins = new ArrayList<>();
        List<float[]> dense = new ArrayList<>();
        for (Row line : chunk) {
            String file = line.getString(0);
            long number = line.getLong(1);
            Row row = (Row) line.get(2);
            String where = file + ", row " + number + ": ";
            Object id = field(row, ScoreColumns.PROMPT_ID);
            Object index = field(row, ScoreColumns.RESPONSE_INDEX);
            Object features = field(row, SparkScoring.FEATURES);
            Object response = field(row, SparkScoring.RESPONSE);
            Object score = field(row, ScoreColumns.SCORE);
            if (id == null || !(index instanceof Number) || (features == null && response == null)) {
                out.add(SparkScoring.bad(file, number, where + (id == null ? "prompt_id" : !(index instanceof Number)
                        ? "response_index" : "response (or features)") + " is missing or null"));
            } else if (LoadReport.UNTYPED.equals(String.valueOf(field(row, ScoreColumns.PROMPT_TYPE)))) {
                out.add(SparkScoring.bad(file, number, where + "prompt_type '" + LoadReport.UNTYPED + "' is what "
                        + "reports call prompts without a type; give another name"));
            } else if (score != null && !(score instanceof Number n && Double.isFinite(n.doubleValue()))) {
                out.add(SparkScoring.bad(file, number, where + "score is not a finite number: " + score));
            } else if (features != null) {
                List<?> values = features instanceof scala.collection.Seq<?> seq
                        ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : row.getList(row.fieldIndex(SparkScoring.FEATURES));
                if (values.size() != width()) {
                    out.add(SparkScoring.bad(file, number, where + "features has width " + values.size()
                            + "; the model takes " + width()));
                    continue;
                }
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = values.get(i) == null ? Float.NaN : ((Number) values.get(i)).floatValue();
                }
                denseOrigins.add(line);
                dense.add(vector);
            } else {
                Object prompt = field(row, SparkScoring.PROMPT);
                Object type = field(row, ScoreColumns.PROMPT_TYPE);
                groups.add(new PromptGroup(id.toString(), prompt == null ? null : prompt.toString(),
                        type == null ? null : type.toString(), List.of(ScoredResponse.ofText(response.toString(),
                        score == null ? 0.0 : ((Number) score).doubleValue())), number));
                origins.add(line);
                indexes.add(((Number) index).intValue());
            }
        }
        scoreDense(denseOrigins, dense, out);
        score(typed(groups, origins, indexes, out), origins, indexes, out);
        return out;
    }

    private void scoreDense(List<Row> origins, List<float[]> vectors, List<Row> out) {
        if (vectors.isEmpty()) {
            return;
        }
        int n = width();
        float[] rows = new float[vectors.size() * n];
        for (int i = 0; i < vectors.size(); i++) {
            System.arraycopy(vectors.get(i), 0, rows, i * n, n);
        }
        float[][] scored = scorer.hasSpread() ? scorer.scoreWithSpread(rows, vectors.size())
                : new float[][]{scorer.score(rows, vectors.size())};
        float[] rewards = scored[0];
        for (int i = 0; i < rewards.length; i++) {
            Row origin = origins.get(i);
            Row row = (Row) origin.get(2);
            Object type = field(row, ScoreColumns.PROMPT_TYPE);
            Object score = field(row, ScoreColumns.SCORE);
            out.add(SparkScoring.scored(origin.getString(0), origin.getLong(1), field(row, ScoreColumns.PROMPT_ID)
                    .toString(), ((Number) field(row, ScoreColumns.RESPONSE_INDEX)).intValue(),
                    type == null ? null : type.toString(), score == null ? null : ((Number) score).doubleValue(), null,
                    rewards[i], scored.length > 1 ? (double) scored[1][i] : null));
        }
    }

    /**
     * The groups typed by the rules; a group whose prompt a rule cannot be matched against in bounded time (or whose
     * match overflows the stack) becomes a bad row naming the rule and the line, and is dropped with its origin (and
     * index) from the lists.
     */
    private List<PromptGroup> typed(List<PromptGroup> groups, List<Row> origins, List<Integer> indexes, List<Row> out) {
        if (rules.isEmpty()) {
            return groups;
        }
        List<PromptGroup> typed = new ArrayList<>(groups.size());
        for (int g = 0, kept = 0; g < groups.size(); g++) {
            PromptGroup group = groups.get(g);
            Row origin = origins.get(kept);
            try {
                String type = group.promptType() != null || group.prompt() == null ? null
                        : rules.typeOf(group.prompt()).orElse(null);
                typed.add(type == null ? group : group.withType(type));
                kept++;
            } catch (IllegalArgumentException e) {
                out.add(SparkScoring.bad(origin.getString(0), origin.getLong(1), origin.getString(0) + ", line "
                        + origin.getLong(1) + ", field 'prompt': " + e.getMessage()));
                origins.remove(kept);
                if (indexes != null) {
                    indexes.remove(kept);
                }
            }
        }
        return typed;
    }

    /** A column's value, or null when the row has no such column or it is null. */
    private static Object field(Row row, String name) {
        int index;
        try {
            index = row.fieldIndex(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return row.isNullAt(index) ? null : row.get(index);
    }

    /**
     * Scores parsed groups, each with the row it came from, appending outcome rows.
     * @param groups The groups.
     * @param origins The input row of each group.
     * @param indexes For one-response groups read from Parquet, each response's own index; null to number responses
     *                by their position.
     * @param out The outcome rows.
     */
    void score(List<PromptGroup> groups, List<Row> origins, List<Integer> indexes, List<Row> out) {
        if (groups.isEmpty()) {
            return;
        }
        ResponseFeaturizer textFeaturizer = featurizer.get();
        if (textFeaturizer == null) {
            for (Row origin : origins) {
                out.add(SparkScoring.bad(origin.getString(0), origin.getLong(1), "the model scores numeric "
                        + "features, not text (was it trained on LETOR?)"));
            }
            return;
        }
        List<PromptGroup> fitting = new ArrayList<>(groups.size());
        List<Row> fittingOrigins = new ArrayList<>(groups.size());
        List<Integer> fittingIndexes = indexes == null ? null : new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            Row origin = origins.get(g);
            try {
                textFeaturizer.requireFits(embeddingWidth, List.of(groups.get(g)), origin.getString(0) + ", line "
                        + origin.getLong(1));
                fitting.add(groups.get(g));
                fittingOrigins.add(origin);
                if (indexes != null) {
                    fittingIndexes.add(indexes.get(g));
                }
            } catch (IllegalArgumentException e) {
                out.add(SparkScoring.bad(origin.getString(0), origin.getLong(1), e.getMessage()));
            }
        }
        scoreFitting(textFeaturizer, fitting, fittingOrigins, fittingIndexes, out);
    }

    private void scoreFitting(ResponseFeaturizer textFeaturizer, List<PromptGroup> groups, List<Row> origins,
                              List<Integer> indexes, List<Row> out) {
        if (groups.isEmpty()) {
            return;
        }
        List<List<List<org.tribuo.Feature>>> features = textFeaturizer.featurizeAll(groups).features();
        List<Example<Regressor>> examples = new ArrayList<>();
        List<Object[]> pending = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            PromptGroup group = groups.get(g);
            Row origin = origins.get(g);
            for (int r = 0; r < group.responses().size(); r++) {
                ScoredResponse response = group.responses().get(r);
                Example<Regressor> example = RankingMetadata.example(group.id(), group.promptType(), response.score(),
                        features.get(g).get(r), RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                        RankingMetadata.DEFAULT_PROMPT_TYPE_KEY, response.text());
                if (!scorer.knowsAnyFeature(example)) {
                    out.add(SparkScoring.bad(origin.getString(0), origin.getLong(1), "prompt '" + group.id()
                            + "', response " + r + ": none of the model's features (another feature space?)"));
                    continue;
                }
                examples.add(example);
                boolean given = indexes == null || field((Row) origin.get(2), ScoreColumns.SCORE) != null;
                pending.add(new Object[]{origin.getString(0), origin.getLong(1), group.id(),
                        indexes == null ? r : indexes.get(g), group.promptType(),
                        given && response.labelled() ? response.score() : null,
                        response.text() == null ? null : response.text().codePointCount(0, response.text().length())});
            }
        }
        double[][] scored = scorer.hasSpread() ? scorer.scoreWithSpread(examples)
                : new double[][]{scorer.score(examples)};
        double[] rewards = scored[0];
        for (int i = 0; i < rewards.length; i++) {
            Object[] p = pending.get(i);
            out.add(SparkScoring.scored((String) p[0], (Long) p[1], (String) p[2], (Integer) p[3], (String) p[4],
                    (Double) p[5], (Integer) p[6], rewards[i], scored.length > 1 ? scored[1][i] : null));
        }
    }

    /**
     * Scores responses given as text, each with its prompt (the rows of a user's DataFrame): each is a prompt group of
     * one response, featurised as the model was trained and scored as a Parquet row of text is.
     * @param prompts The prompts (null where a row has none).
     * @param responses The responses, none null.
     * @param where How to name a row in an error, by its position in the lists.
     * @return The rewards, and for an ensemble a second array, the standard deviations of its members' rewards.
     * @throws IllegalArgumentException If a row cannot be scored (the model takes numeric features, the text does not
     *                                  fit the model's embedding, or it has none of the model's features), naming it.
     */
    double[][] scoreTexts(List<String> prompts, List<String> responses, java.util.function.IntFunction<String> where) {
        ResponseFeaturizer textFeaturizer = featurizer.get();
        if (textFeaturizer == null) {
            throw new IllegalArgumentException("the model scores numeric features, not text (was it trained on LETOR?)");
        }
        List<PromptGroup> groups = new ArrayList<>(responses.size());
        for (int i = 0; i < responses.size(); i++) {
            PromptGroup group = new PromptGroup("row-" + i, prompts.get(i), null,
                    List.of(ScoredResponse.ofText(responses.get(i), 0.0)), i + 1);
            textFeaturizer.requireFits(embeddingWidth, List.of(group), where.apply(i));
            groups.add(group);
        }
        List<List<List<org.tribuo.Feature>>> features = groups.isEmpty() ? List.of()
                : textFeaturizer.featurizeAll(groups).features();
        List<Example<Regressor>> examples = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            Example<Regressor> example = RankingMetadata.example(groups.get(i).id(), null, 0.0, features.get(i).get(0),
                    RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY, responses.get(i));
            if (!scorer.knowsAnyFeature(example)) {
                throw new IllegalArgumentException(where.apply(i) + ": none of the model's features (another feature "
                        + "space?)");
            }
            examples.add(example);
        }
        return scorer.hasSpread() ? scorer.scoreWithSpread(examples) : new double[][]{scorer.score(examples)};
    }

    /**
     * The model's number of feature columns.
     * @return The width.
     */
    int width() {
        return scorer.numFeatures();
    }
}
