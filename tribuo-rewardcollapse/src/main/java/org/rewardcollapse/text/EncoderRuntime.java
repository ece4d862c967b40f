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
package org.rewardcollapse.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OrtBuild;
import org.rewardcollapse.onnx.OrtSessions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A loaded encoder: its tokenizer and its ONNX Runtime session on a device, shared by every encoder object with the
 * same files, device and threads in this JVM (loading all-MiniLM-L6-v2 takes about a second and 90 MB). Texts are
 * tokenised in full and cut into windows of at most the token limit, each with the tokenizer's own special tokens;
 * windows are run in batches of similar length and pooled (and normalised, for a normalising encoder), and a text's
 * window vectors are averaged weighted by their tokens (and normalised again).
 */
final class EncoderRuntime {
    private static final Map<String, EncoderRuntime> LOADED = new ConcurrentHashMap<>();
    private static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger(
            EncoderRuntime.class.getName());

    private final HuggingFaceTokenizer tokenizer;
    private final OrtSessions.SessionOnDevice session;
    private final long[] prefix;
    private final long[] suffix;
    private final boolean typeIds;
    private final String output;
    private final boolean pooledOutput;
    private final int hidden;
    private final DenseModule dense;
    private final int workers;
    /** The threads that run windows side by side, shared by every caller (null with one worker). */
    private final ExecutorService pool;

    private EncoderRuntime(EncoderFiles files, Device device, int threads) {
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(files.tokenizer()),
                    Map.of("truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("encoder " + files.name() + ": tokenizer.json cannot be read by the "
                    + "Hugging Face tokenizers library (" + e.getMessage() + ")", e);
        }
        OrtEnvironment environment = OrtBuild.environment();
        // On the CPU the windows run side by side, each on one ONNX Runtime thread: one window's matrices are too
        // small for its intra-op threads to pay (EncoderBenchmark), and each window's vector is the same either way.
        session = OrtSessions.open(environment, files.model(), Path.of(files.name()), device,
                device.kind() == Device.Kind.CUDA ? threads : 1);
        workers = session.device().kind() == Device.Kind.CUDA ? 1
                : threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        // One pool for the runtime's life, so that callers at once (a Spark executor's tasks) share its workers
        // instead of each starting as many.
        pool = workers <= 1 ? null : Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "encoder-window");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, NodeInfo> inputs = session.session().getInputInfo();
            for (String required : List.of("input_ids", "attention_mask")) {
                if (!inputs.containsKey(required)) {
                    throw new IllegalArgumentException("encoder " + files.name() + ": the model has no input '"
                            + required + "' (its inputs: " + inputs.keySet() + ")");
                }
            }
            for (Map.Entry<String, NodeInfo> input : inputs.entrySet()) {
                if (!(input.getValue().getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.INT64) {
                    throw new IllegalArgumentException("encoder " + files.name() + ": input '" + input.getKey()
                            + "' is not an int64 tensor");
                }
            }
            typeIds = inputs.containsKey("token_type_ids");
            Map<String, NodeInfo> outputs = session.session().getOutputInfo();
            String chosen = outputs.containsKey("last_hidden_state") ? "last_hidden_state"
                    : outputs.containsKey("token_embeddings") ? "token_embeddings" : outputs.keySet().iterator().next();
            if (!(outputs.get(chosen).getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException("encoder " + files.name() + ": output '" + chosen + "' is "
                        + outputs.get(chosen).getInfo() + "; an encoder's output is a tensor of floats");
            }
            long[] shape = info.getShape();
            output = chosen;
            pooledOutput = shape.length == 2;
            hidden = (int) shape[shape.length - 1];
            if (hidden <= 0 || shape.length < 2 || shape.length > 3) {
                throw new IllegalArgumentException("encoder " + files.name() + ": output '" + chosen + "' has shape "
                        + Arrays.toString(shape) + "; expected [batch, tokens, width] or [batch, width]");
            }
            dense = files.dense();
            if (dense != null && (pooledOutput || dense.inputs() != hidden)) {
                throw new IllegalArgumentException("encoder " + files.name() + ": modules.json lists a Dense module of "
                        + dense.inputs() + " inputs, but the model gives " + (pooledOutput ? "pooled vectors" : "token "
                        + "vectors") + " of width " + hidden + " (the Dense module applies to the pooled token vectors)");
            }
        } catch (OrtException e) {
            close();
            throw new IllegalArgumentException("encoder " + files.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        long[] withSpecials = tokenizer.encode("a", true, false).getIds();
        long[] plain = tokenizer.encode("a", false, false).getIds();
        int at = indexOf(withSpecials, plain);
        prefix = Arrays.copyOfRange(withSpecials, 0, Math.max(at, 0));
        suffix = at < 0 ? new long[0] : Arrays.copyOfRange(withSpecials, at + plain.length, withSpecials.length);
    }

    /**
     * The runtime of some files on a device, loaded once per JVM.
     * @param files The files.
     * @param device The device.
     * @param threads Threads (0: one per core): windows run at once on the CPU, intra-op threads on a GPU.
     * @return The runtime.
     */
    static EncoderRuntime of(EncoderFiles files, Device device, int threads) {
        int used = threadsFor(threads);
        return LOADED.computeIfAbsent(files.sha256() + "/" + device + "/" + used,
                key -> new EncoderRuntime(files, device, used));
    }

    /**
     * The threads a runtime gets: what was asked for, at most one per core available to this JVM (a model file or an
     * option asking for 1,000 threads gets the cores there are).
     * @param requested The threads asked for (0: one per core).
     * @return The threads to use.
     */
    static int threadsFor(int requested) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (requested > cores) {
            logger.fine(() -> requested + " encoder threads asked for; using the " + cores + " cores available");
        }
        return requested == 0 ? 0 : Math.min(requested, cores);
    }

    /**
     * The width of the vectors.
     * @return The dimension.
     */
    int dimension() {
        return dense == null ? hidden : dense.outputs();
    }

    /**
     * The device the session runs on.
     * @return The device (never auto).
     */
    Device device() {
        return session.device();
    }

    /**
     * The special tokens the tokenizer adds around a window.
     * @return How many.
     */
    int specialTokens() {
        return prefix.length + suffix.length;
    }

    /**
     * Tokenises a text without special tokens or truncation.
     * @param text The text.
     * @return Its token ids.
     */
    long[] tokens(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /**
     * Encodes texts already tokenised, each cut into windows of at most {@code maxTokens} tokens (special tokens
     * included).
     * @param tokens The texts' token ids (none empty).
     * @param maxTokens The window length.
     * @param pooling The pooling.
     * @param normalize L2-normalise each text's vector.
     * @param batchSize Windows per ONNX Runtime call.
     * @return One vector per text.
     */
    synchronized List<float[]> encode(List<long[]> tokens, int maxTokens, Pooling pooling, boolean normalize,
                                      int batchSize) {
        int step = Math.max(1, maxTokens - specialTokens());
        List<long[]> windows = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            long[] body = tokens.get(t);
            for (int from = 0; from < body.length; from += step) {
                int to = Math.min(body.length, from + step);
                long[] window = new long[prefix.length + (to - from) + suffix.length];
                System.arraycopy(prefix, 0, window, 0, prefix.length);
                System.arraycopy(body, from, window, prefix.length, to - from);
                System.arraycopy(suffix, 0, window, prefix.length + to - from, suffix.length);
                windows.add(window);
                owners.add(t);
            }
        }
        Integer[] order = new Integer[windows.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> windows.get(i).length));
        // Without a Dense module, mean and CLS windows are normalised and averaged (as this encoder always has); max
        // pooling and a Dense module combine the pooled windows first (their maximum, or their token-weighted mean:
        // exactly the pooling over the whole text) and then apply the module and the normalisation once.
        boolean raw = dense != null || pooling == Pooling.MAX;
        float[][] sums = new float[tokens.size()][hidden];
        if (pooling == Pooling.MAX) {
            for (float[] sum : sums) {
                Arrays.fill(sum, Float.NEGATIVE_INFINITY);
            }
        }
        double[] weights = new double[tokens.size()];
        List<List<long[]>> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            List<long[]> batch = new ArrayList<>();
            for (int i = start; i < end; i++) {
                batch.add(windows.get(order[i]));
            }
            batches.add(batch);
        }
        List<float[][]> results = runAll(batches, pooling);
        for (int b = 0; b < batches.size(); b++) {
            int start = b * batchSize;
            int end = Math.min(order.length, start + batchSize);
            float[][] pooled = results.get(b);
            for (int i = start; i < end; i++) {
                int owner = owners.get(order[i]);
                int weight = windows.get(order[i]).length - specialTokens();
                weights[owner] += weight;
                float[] vector = pooled[i - start];
                if (normalize && !raw) {
                    normalise(vector);
                }
                for (int d = 0; d < hidden; d++) {
                    sums[owner][d] = pooling == Pooling.MAX ? Math.max(sums[owner][d], vector[d])
                            : sums[owner][d] + vector[d] * weight;
                }
            }
        }
        List<float[]> vectors = new ArrayList<>(tokens.size());
        for (int t = 0; t < tokens.size(); t++) {
            float[] v = sums[t];
            if (pooling != Pooling.MAX) {
                for (int d = 0; d < hidden; d++) {
                    v[d] = (float) (v[d] / weights[t]);
                }
            }
            if (dense != null) {
                v = dense.apply(v);
            }
            if (normalize) {
                normalise(v);
            }
            vectors.add(v);
        }
        return vectors;
    }

    private static void normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float scale = (float) (1.0 / Math.sqrt(norm));
            for (int d = 0; d < v.length; d++) {
                v[d] *= scale;
            }
        }
    }

    /**
     * Runs batches of windows, on the CPU on the runtime's shared threads (each batch's vectors are
     * what it gives alone, and they are combined in order afterwards, so the result does not depend on the threads).
     */
    private List<float[][]> runAll(List<List<long[]>> batches, Pooling pooling) {
        List<float[][]> results = new ArrayList<>(batches.size());
        if (workers <= 1 || batches.size() <= 1) {
            for (List<long[]> batch : batches) {
                results.add(run(batch, pooling));
            }
            return results;
        }
        List<Future<float[][]>> futures = new ArrayList<>(batches.size());
        try {
            for (List<long[]> batch : batches) {
                futures.add(pool.submit(() -> run(batch, pooling)));
            }
            for (Future<float[][]> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
    }

    /** Runs one batch of windows, padded to the longest, and pools each. */
    private float[][] run(List<long[]> batch, Pooling pooling) {
        int rows = batch.size();
        int length = batch.stream().mapToInt(w -> w.length).max().orElse(0);
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] window = batch.get(r);
            System.arraycopy(window, 0, ids, r * length, window.length);
            Arrays.fill(mask, r * length, r * length + window.length, 1L);
        }
        long[] shape = {rows, length};
        OrtEnvironment environment = OrtBuild.environment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment,
                        LongBuffer.wrap(new long[rows * length]), shape));
            }
            try (OrtSession.Result result = session.session().run(inputs, java.util.Set.of(output))) {
                FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return pooledOutput ? rows(values, rows) : pool(values, mask, rows, length, pooling);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the encoder failed on a batch of " + rows + " windows of up to " + length
                    + " tokens: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] rows(FloatBuffer values, int rows) {
        float[][] out = new float[rows][hidden];
        for (int r = 0; r < rows; r++) {
            values.get(out[r]);
        }
        return out;
    }

    private float[][] pool(FloatBuffer states, long[] mask, int rows, int length, Pooling pooling) {
        float[][] out = new float[rows][hidden];
        for (int r = 0; r < rows; r++) {
            if (pooling == Pooling.CLS) {
                states.get(r * length * hidden, out[r]);
                continue;
            }
            if (pooling == Pooling.MAX) {
                Arrays.fill(out[r], Float.NEGATIVE_INFINITY);
            }
            int tokens = 0;
            for (int t = 0; t < length; t++) {
                if (mask[r * length + t] == 0) {
                    continue;
                }
                tokens++;
                int base = (r * length + t) * hidden;
                for (int d = 0; d < hidden; d++) {
                    out[r][d] = pooling == Pooling.MAX ? Math.max(out[r][d], states.get(base + d))
                            : out[r][d] + states.get(base + d);
                }
            }
            if (pooling == Pooling.MEAN) {
                for (int d = 0; d < hidden; d++) {
                    out[r][d] /= Math.max(tokens, 1);
                }
            }
        }
        return out;
    }

    private static int indexOf(long[] haystack, long[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (session != null) {
            session.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
