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
package org.rewardcollapse.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.oracle.labs.mlrg.olcut.provenance.io.ProvenanceSerializationException;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.OnnxMetadata;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ONNXExportable;
import org.tribuo.provenance.ModelProvenance;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Scores an exported reward model with ONNX Runtime: batched, thread-safe (ONNX Runtime sessions run concurrently;
 * each call makes its own tensors), on the CPU or a CUDA device. The file's metadata gives the feature columns and
 * the featuriser, so the {@code .onnx} file alone (with this library) scores raw prompt/response text.
 * <p>
 * Close it to free the native session. One scorer per worker is the pattern for distributed engines (for example
 * one per Spark partition).
 */
public final class OnnxRewardScorer implements AutoCloseable {
    private static final Logger logger = Logger.getLogger(OnnxRewardScorer.class.getName());

    /** The default number of rows per ONNX Runtime call. */
    public static final int DEFAULT_BATCH_SIZE = 1024;
    /** The largest batch buffer (rows times features times 4 bytes). */
    public static final long MAX_BATCH_BYTES = 1L << 30;

    private final Path file;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final Device device;
    private final OnnxMetadata metadata;
    private final Map<String, Integer> columns;
    private final int batchSize;
    private final String provenance;
    private final boolean spread;
    private final FeatureBuffers buffers;

    private OnnxRewardScorer(Path file, OrtEnvironment environment, OrtSession session,
                             OrtSession.SessionOptions options, Device device, OnnxMetadata metadata, int batchSize,
                             String provenance) {
        this.file = file;
        this.environment = environment;
        this.session = session;
        this.options = options;
        this.device = device;
        this.metadata = metadata;
        this.batchSize = batchSize;
        this.provenance = provenance;
        this.spread = session.getOutputNames().contains(EnsembleRewardModel.ONNX_STD_OUTPUT);
        this.columns = new HashMap<>(metadata.features().size() * 2);
        for (int i = 0; i < metadata.features().size(); i++) {
            columns.put(metadata.features().get(i), i);
        }
        this.buffers = new FeatureBuffers(columns, metadata.features().size(), batchSize);
    }

    /**
     * Opens a model on a device with the default batch size and ONNX Runtime's default threads.
     * @param file The {@code .onnx} file, exported by this project.
     * @param device The device.
     * @return The scorer.
     * @throws IllegalArgumentException If the file is missing, not a valid ONNX model, not a reward model exported by
     *                                  this project, or an explicitly requested CUDA device cannot be used.
     */
    public static OnnxRewardScorer open(Path file, Device device) {
        return open(file, device, DEFAULT_BATCH_SIZE, 0);
    }

    /**
     * Opens a model.
     * @param file The {@code .onnx} file.
     * @param device The device.
     * @param batchSize Rows per ONNX Runtime call, &gt;= 1.
     * @param threads Intra-op threads of the CPU provider (0: ONNX Runtime's default, one per core).
     * @return The scorer.
     * @throws IllegalArgumentException See {@link #open(Path, Device)}.
     */
    public static OnnxRewardScorer open(Path file, Device device, int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such ONNX file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return open(bytes, file, device, batchSize, threads);
    }

    /**
     * Opens a model from its bytes (a model broadcast to the machines of a cluster).
     * @param bytes The {@code .onnx} file's contents.
     * @param name The model's name for messages, e.g. its file.
     * @param device The device.
     * @param batchSize Rows per ONNX Runtime call, &gt;= 1.
     * @param threads Intra-op threads of the CPU provider (0: ONNX Runtime's default, one per core).
     * @return The scorer.
     * @throws IllegalArgumentException See {@link #open(Path, Device)}.
     */
    public static OnnxRewardScorer open(byte[] bytes, Path name, Device device, int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
        Path file = name;
        OrtEnvironment environment = OrtBuild.environment();
        OrtSessions.SessionOnDevice opened = OrtSessions.open(environment, bytes, file, device, threads);
        try {
            Map<String, String> properties = opened.session().getMetadata().getCustomMetadata();
            OnnxMetadata metadata = OnnxMetadata.fromProperties(properties);
            ExportedGraph.check(opened.session(), metadata.features().size());
            long batchBytes = (long) batchSize * metadata.features().size() * Float.BYTES;
            if (batchBytes > MAX_BATCH_BYTES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "a batch of %,d rows of %,d features "
                        + "needs %,d MiB; the batch buffer may hold at most %,d MiB (a batch size of at most %,d)",
                        batchSize, metadata.features().size(), batchBytes >> 20, MAX_BATCH_BYTES >> 20,
                        MAX_BATCH_BYTES / Float.BYTES / metadata.features().size()));
            }
            return new OnnxRewardScorer(file, environment, opened.session(), opened.options(), opened.device(),
                    metadata, batchSize, properties.get(ONNXExportable.PROVENANCE_METADATA_FIELD));
        } catch (OrtException | IllegalArgumentException e) {
            opened.close();
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The device the session runs on (never {@code auto}).
     * @return The device.
     */
    public Device device() {
        return device;
    }

    /**
     * The model's metadata.
     * @return The metadata.
     */
    public OnnxMetadata metadata() {
        return metadata;
    }

    /**
     * The number of input features.
     * @return The count.
     */
    public int numFeatures() {
        return metadata.features().size();
    }

    /**
     * The Tribuo provenance of the exported model, read back from the ONNX metadata.
     * @return The provenance.
     * @throws IllegalStateException If the metadata holds no readable provenance.
     */
    public ModelProvenance provenance() {
        if (provenance == null) {
            throw new IllegalStateException(file + ": no " + ONNXExportable.PROVENANCE_METADATA_FIELD + " metadata");
        }
        try {
            return (ModelProvenance) ONNXExportable.SERIALIZER.deserializeAndUnmarshal(provenance);
        } catch (ProvenanceSerializationException | ClassCastException e) {
            throw new IllegalStateException(file + ": unreadable provenance metadata: " + e.getMessage(), e);
        }
    }

    /**
     * The featuriser that turns raw text into this model's features.
     * @return The featuriser, or empty for a model over numeric features.
     */
    public Optional<ResponseFeaturizer> featurizer() {
        return metadata.rebuildFeaturizer();
    }

    /**
     * Scores examples: each one's features are placed in the model's columns (unknown features are ignored,
     * repeated names summed).
     * @param examples The examples.
     * @return One reward per example, in order.
     * @throws IllegalArgumentException If an example has none of the model's features.
     */
    public double[] score(List<? extends Example<?>> examples) {
        return scoreAll(examples, false)[0];
    }

    /**
     * Does the model give the standard deviation of its members' rewards beside their mean (an ensemble)?
     * @return True for an ensemble's graph.
     */
    public boolean hasSpread() {
        return spread;
    }

    /**
     * Scores examples with an ensemble: the members' mean reward and their standard deviation.
     * @param examples The examples.
     * @return Two arrays, the means and the standard deviations, one value per example, in order.
     * @throws IllegalStateException If the model is not an ensemble ({@link #hasSpread()}).
     * @throws IllegalArgumentException If an example has none of the model's features.
     */
    public double[][] scoreWithSpread(List<? extends Example<?>> examples) {
        if (!spread) {
            throw new IllegalStateException(file + ": the model has no '" + EnsembleRewardModel.ONNX_STD_OUTPUT
                    + "' output; only an ensemble's graph gives a standard deviation");
        }
        return scoreAll(examples, true);
    }

    /** The rewards of examples, batch by batch, and their standard deviations when asked. */
    private double[][] scoreAll(List<? extends Example<?>> examples, boolean withSpread) {
        double[][] scored = new double[withSpread ? 2 : 1][examples.size()];
        FloatBuffer buffer = buffers.acquire();
        try {
            FeatureBuffers.Touched touched = new FeatureBuffers.Touched();
            for (int from = 0; from < examples.size(); from += batchSize) {
                int rows = Math.min(batchSize, examples.size() - from);
                try {
                    buffers.fill(buffer, examples, from, rows, touched);
                    float[][] out = run(FeatureBuffers.rows(buffer, rows * numFeatures()), rows);
                    for (int k = 0; k < scored.length; k++) {
                        for (int r = 0; r < rows; r++) {
                            scored[k][from + r] = out[k][r];
                        }
                    }
                } finally {
                    touched.clear(buffer);
                }
            }
        } finally {
            buffers.release(buffer);
        }
        return scored;
    }

    /**
     * Does an example have any of the model's features (so that it can be scored)?
     * @param example The example.
     * @return True if at least one of its features is a column of the model.
     */
    public boolean knowsAnyFeature(Example<?> example) {
        for (Feature feature : example) {
            if (columns.containsKey(feature.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Scores dense rows of features in the model's column order.
     * @param rows Row-major features, {@code numRows * numFeatures()} values.
     * @param numRows The number of rows.
     * @return One reward per row.
     * @throws IllegalArgumentException If the array does not hold {@code numRows} rows of {@code numFeatures()}.
     */
    public float[] score(float[] rows, int numRows) {
        return scoreDense(rows, numRows, false)[0];
    }

    /**
     * Scores dense rows of features with an ensemble: the members' mean reward and their standard deviation.
     * @param rows Row-major features, {@code numRows * numFeatures()} values.
     * @param numRows The number of rows.
     * @return Two arrays, the means and the standard deviations, one value per row.
     * @throws IllegalStateException If the model is not an ensemble ({@link #hasSpread()}).
     * @throws IllegalArgumentException If the array does not hold {@code numRows} rows of {@code numFeatures()}.
     */
    public float[][] scoreWithSpread(float[] rows, int numRows) {
        if (!spread) {
            throw new IllegalStateException(file + ": the model has no '" + EnsembleRewardModel.ONNX_STD_OUTPUT
                    + "' output; only an ensemble's graph gives a standard deviation");
        }
        return scoreDense(rows, numRows, true);
    }

    private float[][] scoreDense(float[] rows, int numRows, boolean withSpread) {
        int n = numFeatures();
        if (numRows < 0 || (long) numRows * n != rows.length) {
            throw new IllegalArgumentException("expected " + numRows + " rows of " + n + " features ("
                    + (long) numRows * n + " values), found " + rows.length + " values");
        }
        float[][] scored = new float[withSpread ? 2 : 1][numRows];
        FloatBuffer buffer = buffers.acquire();
        try {
            for (int from = 0; from < numRows; from += batchSize) {
                int count = Math.min(batchSize, numRows - from);
                buffer.clear();
                buffer.put(rows, from * n, count * n);
                float[][] out = run(FeatureBuffers.rows(buffer, count * n), count);
                for (int k = 0; k < scored.length; k++) {
                    System.arraycopy(out[k], 0, scored[k], from, count);
                }
            }
        } finally {
            // The pool holds zeroed buffers (examples are written in sparsely): zero every value a batch wrote.
            buffer.clear();
            int written = Math.min(batchSize, numRows) * n;
            for (int i = 0; i < written; i++) {
                buffer.put(i, 0.0f);
            }
            buffers.release(buffer);
        }
        return scored;
    }

    /**
     * Runs one batch.
     * @return The rewards, and for an ensemble the standard deviations.
     */
    private float[][] run(FloatBuffer input, int rows) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, new long[]{rows, numFeatures()});
             OrtSession.Result result = session.run(Map.of(RewardModel.ONNX_INPUT, tensor))) {
            float[][] values = new float[spread ? 2 : 1][rows];
            ((OnnxTensor) result.get(RewardModel.ONNX_OUTPUT).orElseThrow()).getFloatBuffer().get(values[0]);
            if (spread) {
                ((OnnxTensor) result.get(EnsembleRewardModel.ONNX_STD_OUTPUT).orElseThrow()).getFloatBuffer()
                        .get(values[1]);
            }
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime failed to score a batch of " + rows + " rows: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            logger.warning("closing the ONNX Runtime session of " + file + " failed: " + e.getMessage());
        } finally {
            options.close();
            buffers.clear();
        }
    }

    @Override
    public String toString() {
        return "OnnxRewardScorer(file=" + file + ",device=" + device + ",features=" + numFeatures() + ",batchSize="
                + batchSize + ")";
    }
}
