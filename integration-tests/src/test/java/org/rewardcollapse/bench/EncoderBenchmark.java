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
package org.rewardcollapse.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.rewardcollapse.onnx.OrtBuild;
import org.rewardcollapse.text.KnownEncoder;
import org.rewardcollapse.text.OnnxTextEncoder;
import org.rewardcollapse.text.Pooling;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Encoder throughput against its limits (issue 27): on the same AlpacaEval answers in one JVM, this project's
 * {@link OnnxTextEncoder} (all-MiniLM-L6-v2) beside langchain4j's {@code AllMiniLmL6V2EmbeddingModel.embedAll}, the
 * levers on the same model run straight through ONNX Runtime (session options, batches of similar-length windows,
 * texts in parallel, the int8-quantised model), and the machine's ceiling: ONNX Runtime's FLOP/s on MiniLM's
 * feed-forward MatMuls (hidden 384 x intermediate 1536, a graph built here with Tribuo's ONNX builder). Every row is
 * timed in the same rounds, interleaved (a warm-up round, then the median of 3), so a shared machine's load falls on
 * all of them alike; the table gives ratios to our encoder at the same threads. No timed assertions.
 * <p>
 * Work is counted as about {@value #FLOP_PER_TOKEN} FLOP per token run (special tokens and padding included).
 * System properties: {@code encoderbench.texts} (default 300 answers), {@code encoderbench.rounds} (default 3),
 * {@code encoderbench.levers} ({@code false}: only our encoder, langchain4j, the reference rows and the ceiling).
 */
public final class EncoderBenchmark {
    /** About 2 x (6 layers x (4 x 384^2 + 2 x 384 x 1536)) = 21.2 MFLOP of weights per token, plus attention. */
    static final double FLOP_PER_TOKEN = 24e6;
    private static final int HIDDEN = 384;
    private static final int INTERMEDIATE = 1536;
    private static final int WINDOW = 256;
    private static final int LANGCHAIN4J_PARTITION = 510;
    private static final int LANGCHAIN4J_TRUNCATION = 128;

    private EncoderBenchmark() {}

    /** One timed row: a name, the threads it uses, and a run that returns the tokens it ran (padding included). */
    private record Row(String name, String kind, int threads, Run run) {}

    /** A timed run. */
    @FunctionalInterface
    private interface Run {
        /**
         * Runs once.
         * @return Tokens run through the model (padding included), or 0 when not counted.
         * @throws Exception If it fails.
         */
        long run() throws Exception;
    }

    /**
     * Runs the benchmark on its own.
     * @param args Optional output path (default {@code bench-encoder.json}).
     * @throws Exception If it fails.
     */
    public static void main(String[] args) throws Exception {
        ObjectNode result = run();
        if (result != null) {
            Measure.write(result, Path.of(args.length > 0 ? args[0] : "bench-encoder.json"));
        }
    }

    /**
     * Runs every row.
     * @return The results, or null when the data file is absent.
     * @throws Exception If a row fails.
     */
    static ObjectNode run() throws Exception {
        Path file = Measure.dataFile("alpacaeval_dev_ranked.jsonl");
        if (file == null) {
            return null;
        }
        int count = Integer.getInteger("encoderbench.texts", 300);
        int rounds = Integer.getInteger("encoderbench.rounds", 3);
        boolean levers = Boolean.parseBoolean(System.getProperty("encoderbench.levers", "true"));
        List<String> texts = answers(file, count);
        OrtEnvironment environment = OrtBuild.environment();
        byte[] fp32 = resource("/all-minilm-l6-v2.onnx");
        byte[] int8 = resource("/all-minilm-l6-v2-q.onnx");
        Path quantisedDirectory = quantisedDirectory();
        List<long[]> windows;
        List<long[]> langchain4jWindows;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                EncoderBenchmark.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json"),
                Map.of("truncation", "false", "padding", "false"))) {
            windows = windows(tokenizer, texts, WINDOW - 2, WINDOW - 2);
            langchain4jWindows = windows(tokenizer, texts, LANGCHAIN4J_PARTITION, LANGCHAIN4J_TRUNCATION - 2);
        }
        long windowTokens = windows.stream().mapToLong(w -> w.length).sum();
        long langchain4jTokens = langchain4jWindows.stream().mapToLong(w -> w.length).sum();

        List<Row> rows = new ArrayList<>();
        List<AutoCloseable> closing = new ArrayList<>();
        for (int threads : new int[]{1, 2}) {
            OnnxTextEncoder ours = new OnnxTextEncoder(null, null, 0, "cpu", threads);
            rows.add(new Row("OnnxTextEncoder MiniLM", "ours", threads, () -> {
                ours.encode(texts);
                return windowTokens;
            }));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            closing.add(pool::shutdown);
            AllMiniLmL6V2EmbeddingModel langchain4j = new AllMiniLmL6V2EmbeddingModel(pool);
            List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
            rows.add(new Row("langchain4j embedAll (" + threads + " Java thread(s); ORT intra-op default)",
                    "langchain4j", threads, () -> {
                        langchain4j.embedAll(segments);
                        return langchain4jTokens;
                    }));
            rows.add(raw("raw ORT, 1 window per call on " + threads + " intra-op thread(s) (the encoder before)",
                    threads, environment, fp32, windows, threads, options -> {}, 1, 1, closing));
            rows.add(raw("raw ORT, langchain4j's work (510-token parts cut at 128)", threads, environment, fp32,
                    langchain4jWindows, threads, options -> {}, 1, 1, closing));
            OnnxTextEncoder quantised = new OnnxTextEncoder(quantisedDirectory, Pooling.MEAN, WINDOW, "cpu", threads);
            rows.add(new Row("OnnxTextEncoder int8 MiniLM (directory)", "int8", threads, () -> {
                quantised.encode(texts);
                return windowTokens;
            }));
            for (KnownEncoder stronger : List.of(KnownEncoder.BGE_SMALL, KnownEncoder.E5_SMALL)) {
                // 12 layers where MiniLM has 6, their own tokenizers and windows: texts/s only, no FLOP count.
                OnnxTextEncoder encoder = OnnxTextEncoder.of(stronger, 0, "cpu", threads);
                try {
                    encoder.dimension();
                } catch (IllegalArgumentException | IllegalStateException e) {
                    System.out.println("skipped " + stronger.shortName() + ": " + e.getMessage());
                    continue;
                }
                rows.add(new Row("OnnxTextEncoder " + stronger.modelName() + " (--encoder " + stronger.shortName()
                        + ")", "stronger", threads, () -> {
                            encoder.encode(texts);
                            return 0L;
                        }));
            }
            if (!levers) {
                continue;
            }
            rows.add(raw("raw ORT, optimisation BASIC", threads, environment, fp32, windows, threads,
                    options -> options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT), 1, 1,
                    closing));
            rows.add(raw("raw ORT, CPU memory arena off", threads, environment, fp32, windows, threads,
                    options -> options.setCPUArenaAllocator(false), 1, 1, closing));
            rows.add(raw("raw ORT, batches of 8 similar-length windows", threads, environment, fp32, windows, threads,
                    options -> {}, 8, 1, closing));
            if (threads > 1) {
                rows.add(raw("raw ORT, parallel execution, 2 inter-op threads", threads, environment, fp32, windows,
                        threads, options -> {
                            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.PARALLEL);
                            options.setInterOpNumThreads(2);
                        }, 1, 1, closing));
                rows.add(raw("raw ORT, 2 windows at once, 1 intra-op thread each", threads, environment, fp32,
                        windows, 1, options -> {}, 1, threads, closing));
            }
            rows.add(raw("raw ORT, int8 model, 1 window per call", threads, environment, int8, windows, threads,
                    options -> {}, 1, 1, closing));
        }
        List<Row> ceilings = new ArrayList<>();
        for (int threads : new int[]{1, 2}) {
            for (int tokens : new int[]{256, 2048}) {
                ceilings.add(matMul(environment, tokens, threads, closing));
            }
        }

        System.out.printf(Locale.ROOT, "%nEncoder throughput: all-MiniLM-L6-v2 on the CPU, %d AlpacaEval answers, %,d "
                + "tokens in %,d windows of at most %d (%s; %s; rows interleaved, a warm-up round then the median of "
                + "%d)%n", texts.size(), windowTokens, windows.size(), WINDOW, Measure.machine(), java.time.Instant.now(),
                rounds);
        Map<Row, double[]> seconds = new LinkedHashMap<>();
        Map<Row, Long> tokensRun = new LinkedHashMap<>();
        List<Row> all = new ArrayList<>(rows);
        all.addAll(ceilings);
        for (Row row : all) {
            seconds.put(row, new double[rounds]);
        }
        for (int round = -1; round < rounds; round++) {
            for (Row row : all) {
                long start = System.nanoTime();
                long tokens = row.run().run();
                double s = (System.nanoTime() - start) / 1e9;
                if (round >= 0) {
                    seconds.get(row)[round] = s;
                }
                tokensRun.put(row, tokens);
            }
            System.out.println(round < 0 ? "  warm-up round done" : "  round " + (round + 1) + " done");
        }

        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        root.put("date", java.time.Instant.now().toString());
        root.put("texts", texts.size());
        root.put("windows", windows.size());
        root.put("window_tokens", windowTokens);
        root.put("flop_per_token", FLOP_PER_TOKEN);
        root.put("rounds", rounds);
        root.put("note", "rows interleaved in one run; ratios are to OnnxTextEncoder at the same threads");
        ObjectNode ceilingJson = root.putObject("matmul_ceiling_gflops");
        double[] ceiling = new double[3];
        System.out.printf(Locale.ROOT, "%nMachine ceiling: ONNX Runtime MatMul [n,%d]x[%d,%d] then [n,%d]x[%d,%d]%n",
                HIDDEN, HIDDEN, INTERMEDIATE, INTERMEDIATE, INTERMEDIATE, HIDDEN);
        for (Row row : ceilings) {
            double s = median(seconds.get(row));
            double gflops = tokensRun.get(row) / s / 1e9;
            ceiling[row.threads()] = Math.max(ceiling[row.threads()], gflops);
            ceilingJson.put(row.name(), gflops);
            System.out.printf(Locale.ROOT, "  %-50s %8.1f GFLOP/s%n", row.name(), gflops);
        }
        System.out.printf(Locale.ROOT, "%n%-70s %3s %9s %9s %10s %8s %9s%n", "row", "thr", "texts/s", "x ours",
                "GFLOP/s", "% ceil", "spread");
        ArrayNode json = root.putArray("rows");
        Map<Integer, Double> oursRate = new LinkedHashMap<>();
        for (Row row : rows) {
            double s = median(seconds.get(row));
            double rate = texts.size() / s;
            if (row.kind().equals("ours")) {
                oursRate.put(row.threads(), rate);
            }
            double ratio = rate / oursRate.get(row.threads());
            long tokens = tokensRun.get(row);
            double gflops = tokens * FLOP_PER_TOKEN / s / 1e9;
            double[] sorted = seconds.get(row).clone();
            Arrays.sort(sorted);
            double spread = (sorted[sorted.length - 1] - sorted[0]) / s;
            System.out.printf(Locale.ROOT, "%-70s %3d %9.1f %9.2f %10s %8s %8.0f%%%n", row.name(), row.threads(), rate,
                    ratio, tokens > 0 ? String.format(Locale.ROOT, "%.1f", gflops) : "-",
                    tokens > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * gflops / ceiling[row.threads()]) : "-",
                    100 * spread);
            ObjectNode r = json.addObject();
            r.put("row", row.name());
            r.put("kind", row.kind());
            r.put("threads", row.threads());
            r.put("texts_per_second", rate);
            r.put("ratio_to_ours", ratio);
            r.put("median_seconds", s);
            r.set("seconds", JsonNodeFactory.instance.arrayNode().addAll(Arrays.stream(seconds.get(row))
                    .mapToObj(JsonNodeFactory.instance::numberNode).toList()));
            if (tokens > 0) {
                r.put("tokens_run", tokens);
                r.put("gflops", gflops);
                r.put("share_of_ceiling", gflops / ceiling[row.threads()]);
            }
        }
        root.set("int8_cosine_to_fp32", cosines(texts, quantisedDirectory));
        for (AutoCloseable c : closing) {
            c.close();
        }
        return root;
    }

    /** How close the int8 model's vectors are to the fp32 model's, text by text. */
    private static ObjectNode cosines(List<String> texts, Path quantisedDirectory) {
        List<float[]> exact = new OnnxTextEncoder(null, null, 0, "cpu", 0).encode(texts);
        List<float[]> quantised = new OnnxTextEncoder(quantisedDirectory, Pooling.MEAN, WINDOW, "cpu", 0)
                .encode(texts);
        double[] cos = new double[texts.size()];
        for (int i = 0; i < cos.length; i++) {
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int d = 0; d < exact.get(i).length; d++) {
                dot += exact.get(i)[d] * quantised.get(i)[d];
                a += exact.get(i)[d] * exact.get(i)[d];
                b += quantised.get(i)[d] * quantised.get(i)[d];
            }
            cos[i] = dot / Math.sqrt(a * b);
        }
        Arrays.sort(cos);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("mean", Arrays.stream(cos).average().orElse(Double.NaN));
        result.put("min", cos[0]);
        result.put("p05", cos[(int) (0.05 * (cos.length - 1))]);
        result.put("median", cos[cos.length / 2]);
        System.out.printf(Locale.ROOT, "%nint8 against fp32 vectors, cosine over the %d texts: mean %.4f, median %.4f, "
                + "5th percentile %.4f, min %.4f%n", cos.length, result.get("mean").asDouble(), cos[cos.length / 2],
                result.get("p05").asDouble(), cos[0]);
        return result;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The first answers of the AlpacaEval file, in file order. */
    private static List<String> answers(Path file, int count) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            for (JsonNode response : mapper.readTree(line).path("responses")) {
                String text = response.path("text").asText("");
                if (!text.isBlank() && texts.size() < count) {
                    texts.add(text);
                }
            }
            if (texts.size() >= count) {
                break;
            }
        }
        return texts;
    }

    /**
     * The texts' windows: parts of {@code step} word pieces, each cut to its first {@code keep}, between [CLS] and
     * [SEP]. The encoder's are parts of 254 kept whole (256-token windows); langchain4j's are parts of 510, each cut
     * to 128 tokens by the {@code truncation} of its tokenizer.json, so it runs fewer tokens than the text has.
     */
    private static List<long[]> windows(HuggingFaceTokenizer tokenizer, List<String> texts, int step, int keep) {
        long[] withSpecials = tokenizer.encode("a", true, false).getIds();
        long cls = withSpecials[0];
        long sep = withSpecials[withSpecials.length - 1];
        List<long[]> windows = new ArrayList<>();
        for (String text : texts) {
            long[] body = tokenizer.encode(text, false, false).getIds();
            for (int from = 0; from < body.length; from += step) {
                int to = Math.min(body.length, Math.min(from + step, from + keep));
                long[] window = new long[to - from + 2];
                window[0] = cls;
                System.arraycopy(body, from, window, 1, to - from);
                window[window.length - 1] = sep;
                windows.add(window);
            }
        }
        return windows;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EncoderBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    /** langchain4j's int8 all-MiniLM-L6-v2 as a sentence-transformers directory, for {@link OnnxTextEncoder}. */
    private static Path quantisedDirectory() throws IOException {
        Path directory = Files.createTempDirectory("minilm-q");
        for (String[] pair : new String[][]{{"/all-minilm-l6-v2-q.onnx", "model.onnx"},
                {"/all-minilm-l6-v2-q-tokenizer.json", "tokenizer.json"}}) {
            try (InputStream in = EncoderBenchmark.class.getResourceAsStream(pair[0])) {
                Files.copy(in, directory.resolve(pair[1]), StandardCopyOption.REPLACE_EXISTING);
            }
            directory.resolve(pair[1]).toFile().deleteOnExit();
        }
        directory.toFile().deleteOnExit();
        return directory;
    }

    /** Session options to change. */
    @FunctionalInterface
    private interface Options {
        void apply(OrtSession.SessionOptions options) throws OrtException;
    }

    /**
     * The model run straight through ONNX Runtime with mean pooling in Java: windows sorted by length and run in
     * batches (padded to the longest of each), by {@code parallel} Java threads at once.
     */
    private static Row raw(String name, int threads, OrtEnvironment environment, byte[] model, List<long[]> windows,
                           int intraOp, Options settings, int batch, int parallel, List<AutoCloseable> closing)
            throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(intraOp);
        settings.apply(options);
        OrtSession session = environment.createSession(model, options);
        closing.add(session);
        closing.add(options);
        List<long[]> sorted = new ArrayList<>(windows);
        if (batch > 1) {
            sorted.sort(Comparator.comparingInt(w -> w.length));
        }
        List<List<long[]>> batches = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += batch) {
            batches.add(sorted.subList(from, Math.min(sorted.size(), from + batch)));
        }
        ExecutorService pool = parallel > 1 ? Executors.newFixedThreadPool(parallel) : null;
        if (pool != null) {
            closing.add(pool::shutdown);
        }
        return new Row(name, "raw", threads, () -> {
            long tokens = 0;
            if (pool == null) {
                for (List<long[]> b : batches) {
                    tokens += runBatch(environment, session, b);
                }
            } else {
                List<Future<Long>> futures = new ArrayList<>();
                for (List<long[]> b : batches) {
                    futures.add(pool.submit(() -> runBatch(environment, session, b)));
                }
                for (Future<Long> f : futures) {
                    tokens += f.get();
                }
            }
            return tokens;
        });
    }

    /** Runs one padded batch and mean-pools it; returns the tokens run, padding included. */
    private static long runBatch(OrtEnvironment environment, OrtSession session, List<long[]> batch)
            throws OrtException {
        int rows = batch.size();
        int length = batch.stream().mapToInt(w -> w.length).max().orElse(0);
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(batch.get(r), 0, ids, r * length, batch.get(r).length);
            Arrays.fill(mask, r * length, r * length + batch.get(r).length, 1L);
        }
        long[] shape = {rows, length};
        try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor attention = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * length]), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", input, "attention_mask", attention,
                     "token_type_ids", types), Set.of("last_hidden_state"))) {
            FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] pooled = new float[HIDDEN];
            for (int r = 0; r < rows; r++) {
                Arrays.fill(pooled, 0f);
                for (int t = 0; t < batch.get(r).length; t++) {
                    int base = (r * length + t) * HIDDEN;
                    for (int d = 0; d < HIDDEN; d++) {
                        pooled[d] += states.get(base + d);
                    }
                }
            }
        }
        return (long) rows * length;
    }

    /**
     * The ceiling: MiniLM's feed-forward MatMuls, {@code [n, 384] x [384, 1536]} then {@code [n, 1536] x [1536,
     * 384]}, in a graph built with Tribuo's ONNX builder; the row's "tokens" are its FLOP.
     */
    private static Row matMul(OrtEnvironment environment, int n, int threads, List<AutoCloseable> closing)
            throws OrtException {
        ONNXContext onnx = new ONNXContext();
        onnx.setName("minilm-ffn-matmuls");
        ONNXPlaceholder input = onnx.floatInput("x", HIDDEN);
        ONNXPlaceholder output = onnx.floatOutput("y", HIDDEN);
        Random random = new Random(1);
        input.apply(MatMul.MATMUL, onnx.floatTensor("w1", List.of(HIDDEN, INTERMEDIATE),
                        b -> fill(b, random)))
                .apply(MatMul.MATMUL, onnx.floatTensor("w2", List.of(INTERMEDIATE, HIDDEN), b -> fill(b, random)))
                .assignTo(output);
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("EncoderBenchmark")
                .addOpsetImport(ONNXOperators.getOpsetProto()).setGraph(onnx.buildGraph()).build();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        OrtSession session = environment.createSession(model.toByteArray(), options);
        closing.add(session);
        closing.add(options);
        float[] x = new float[n * HIDDEN];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        long flop = 2L * 2 * n * HIDDEN * INTERMEDIATE;
        int repeats = Math.max(1, (int) (2e10 / flop)); // about 20 GFLOP per timed run
        return new Row("MatMul n=" + n + ", " + threads + " thread(s)", "ceiling", threads, () -> {
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(x), new long[]{n, HIDDEN})) {
                for (int i = 0; i < repeats; i++) {
                    try (OrtSession.Result ignored = session.run(Map.of("x", tensor))) {
                        // the product is discarded
                    }
                }
            }
            return flop * repeats;
        });
    }

    private static void fill(FloatBuffer buffer, Random random) {
        while (buffer.hasRemaining()) {
            buffer.put((float) (random.nextGaussian() * 0.05));
        }
    }
    /** ONNX MatMul (opset 13), which Tribuo 4.3.2's {@code ONNXOperators} lacks, through its extension point. */
    private enum MatMul implements ONNXOperator {
        /** Y = A B. */
        MATMUL;

        @Override
        public String getOpName() {
            return "MatMul";
        }

        @Override
        public int getNumInputs() {
            return 2;
        }

        @Override
        public int getNumOptionalInputs() {
            return 0;
        }

        @Override
        public int getNumOutputs() {
            return 1;
        }

        @Override
        public Map<String, ONNXAttribute> getAttributes() {
            return Collections.emptyMap();
        }

        @Override
        public Set<String> getMandatoryAttributeNames() {
            return Collections.emptySet();
        }

        @Override
        public int getOpVersion() {
            return 13;
        }

        @Override
        public String getOpDomain() {
            return null;
        }
    }
}
