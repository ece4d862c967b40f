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

import ai.onnx.proto.OnnxMl;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An exported reward model as the driver holds it: read from a path on any Hadoop filesystem ({@code file:},
 * {@code hdfs:}, {@code s3a:}, {@code viewfs:}, or a plain local path), opened once on the driver's CPU to check that it
 * is a reward model this project exported (a bad file is one error naming its path before any task runs), and
 * described by what the executors need to know in advance: whether it is an ensemble (its graph gives the standard
 * deviation of its members' rewards) and whether it scores text. Its bytes are what a job broadcasts; the executors
 * open them once per JVM ({@link ExecutorModel}).
 */
public final class SparkModel {
    /** The largest model file read (a broadcast byte array). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final String path;
    private final String name;
    private final byte[] bytes;
    private final boolean ensemble;
    private final boolean text;

    private SparkModel(String path, String name, byte[] bytes, boolean ensemble, boolean text) {
        this.path = path;
        this.name = name;
        this.bytes = bytes;
        this.ensemble = ensemble;
        this.text = text;
    }

    /**
     * Reads and checks a model.
     * @param hadoop The Hadoop configuration that resolves the path's filesystem (a session's
     *               {@code spark.sparkContext().hadoopConfiguration()}).
     * @param path The {@code .onnx} file: a local path or any Hadoop filesystem URI.
     * @return The model.
     * @throws IllegalArgumentException If the file cannot be read or is not a reward model this project exported,
     *                                  naming the path.
     */
    public static SparkModel read(Configuration hadoop, String path) {
        byte[] bytes = readBytes(hadoop, path);
        return of(bytes, new org.apache.hadoop.fs.Path(path).getName(), path);
    }

    /**
     * Checks a model's bytes.
     * @param bytes The {@code .onnx} file's contents.
     * @param name The model's name (its file's name), for messages and the executors' logs.
     * @return The model.
     * @throws IllegalArgumentException If the bytes are not a reward model this project exported, naming the model.
     */
    public static SparkModel of(byte[] bytes, String name) {
        return of(bytes, name, name);
    }

    private static SparkModel of(byte[] bytes, String name, String path) {
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(bytes, Path.of(name), Device.CPU, 1, 1)) {
            boolean text = scorer.metadata().featurizer() != null;
            if (text) {
                // Crafted or damaged featuriser metadata is an error here, not a stage failure on every executor.
                scorer.metadata().rebuildFeaturizer(EncoderSetup.RECORDED);
            }
            return new SparkModel(path, name, bytes, scorer.hasSpread(), text);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            String own = name + ": ";
            throw new IllegalArgumentException(path + ": not a reward model exported by this project ("
                    + (message.startsWith(own) ? message.substring(own.length()) : message) + ")", e);
        }
    }

    /**
     * Reads a model file's bytes, unchecked.
     * @param hadoop The Hadoop configuration.
     * @param path The file: a local path or any Hadoop filesystem URI.
     * @return The bytes.
     * @throws IllegalArgumentException If the file cannot be read, naming the path.
     */
    static byte[] readBytes(Configuration hadoop, String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("no model path given");
        }
        return readBytes(hadoop, new org.apache.hadoop.fs.Path(path), path);
    }

    private static byte[] readBytes(Configuration hadoop, org.apache.hadoop.fs.Path file, String given) {
        FileSystem fs;
        FileStatus status;
        try {
            fs = file.getFileSystem(hadoop);
            status = fs.getFileStatus(file);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(given + ": no such model file", e);
        } catch (IOException | RuntimeException e) {
            throw cannotRead(given, e);
        }
        if (!status.isFile()) {
            throw new IllegalArgumentException(given + ": not a model file (a directory?)");
        }
        if (status.getLen() > MAX_BYTES) {
            throw new IllegalArgumentException(given + ": the model file has " + status.getLen() + " bytes; at most "
                    + MAX_BYTES + " can be sent to the executors");
        }
        byte[] bytes = new byte[(int) status.getLen()];
        try (FSDataInputStream in = fs.open(file)) {
            in.readFully(0, bytes);
        } catch (IOException | RuntimeException e) {
            throw cannotRead(given, e);
        }
        return bytes;
    }

    private static IllegalArgumentException cannotRead(String given, Exception e) {
        return new IllegalArgumentException(given + ": cannot read the model (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")", e);
    }

    /**
     * Does a model's graph give the standard deviation of its members' rewards (an ensemble's)? Read from the graph's
     * outputs without opening a session, so that a job knows its scores' columns before any task runs.
     * @param bytes The {@code .onnx} file's contents.
     * @return True for an ensemble's graph; false for any other, or for bytes that are no ONNX model (the executors
     *         report those).
     */
    static boolean givesSpread(byte[] bytes) {
        try {
            return OnnxMl.ModelProto.parseFrom(bytes).getGraph().getOutputList().stream()
                    .anyMatch(output -> EnsembleRewardModel.ONNX_STD_OUTPUT.equals(output.getName()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
    }

    /**
     * The path the model was read from (its name when it was given as bytes).
     * @return The path as given.
     */
    public String path() {
        return path;
    }

    /**
     * The model file's name.
     * @return The name.
     */
    public String name() {
        return name;
    }

    /**
     * The model file's contents (the array itself, not a copy: what a job broadcasts).
     * @return The bytes.
     */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * Is the model an ensemble, whose scores carry the standard deviation of its members' rewards?
     * @return True for an ensemble.
     */
    public boolean isEnsemble() {
        return ensemble;
    }

    /**
     * Does the model score text (it records a featuriser), rather than numeric features only?
     * @return True for a model over text.
     */
    public boolean scoresText() {
        return text;
    }

    @Override
    public String toString() {
        return "SparkModel(" + path + (ensemble ? ", ensemble" : "") + ", " + bytes.length + " bytes)";
    }
}
