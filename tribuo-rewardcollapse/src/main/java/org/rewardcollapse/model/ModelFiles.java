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
package org.rewardcollapse.model;

import com.google.protobuf.InvalidProtocolBufferException;
import org.rewardcollapse.io.AtomicFiles;
import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads and writes {@code .tribuo} model files (Tribuo's protobuf format), never with Java serialization.
 * <p>
 * Reading checks the class a file names before anything is instantiated: only this project's reward models and
 * Tribuo's own classes are accepted, so a crafted file cannot make Tribuo's reflective loader touch any other class.
 * Every failure is one {@link IllegalArgumentException} that names the file and what is wrong with it.
 */
public final class ModelFiles {
    private static final Set<String> REWARD_MODELS = Set.of(LinearRewardModel.class.getName(),
            MlpRewardModel.class.getName());

    private ModelFiles() {}

    /**
     * Writes a model atomically.
     * @param model The model.
     * @param file The file to create or replace.
     * @throws IOException If it cannot be written; nothing is left behind.
     */
    public static void write(Model<?> model, Path file) throws IOException {
        ModelProto proto = model.serialize();
        AtomicFiles.write(file, proto::writeTo);
    }

    /**
     * Reads a reward model.
     * @param file The file.
     * @return The model.
     * @throws IllegalArgumentException If the file is missing, not a Tribuo model, corrupt, or not a reward model.
     */
    public static RewardModel readRewardModel(Path file) {
        ModelProto proto = parse(file);
        if (!REWARD_MODELS.contains(proto.getClassName())) {
            throw new IllegalArgumentException(file + ": holds a " + proto.getClassName()
                    + ", not a reward model of this project");
        }
        return (RewardModel) deserialize(file, proto);
    }

    /**
     * Reads a model the project scores with: a reward model or an ensemble of them.
     * @param file The file.
     * @return The model.
     * @throws IllegalArgumentException If the file is missing, not a Tribuo model, corrupt, or neither.
     */
    public static Model<Regressor> readScoringModel(Path file) {
        ModelProto proto = parse(file);
        if (!REWARD_MODELS.contains(proto.getClassName())
                && !proto.getClassName().equals(EnsembleRewardModel.class.getName())) {
            throw new IllegalArgumentException(file + ": holds a " + proto.getClassName()
                    + ", not a reward model of this project or an ensemble of them");
        }
        @SuppressWarnings("unchecked") // both classes are Model<Regressor>
        Model<Regressor> model = (Model<Regressor>) deserialize(file, proto);
        return model;
    }

    /**
     * Reads any Tribuo regression model (a reward model or one of Tribuo's own).
     * @param file The file.
     * @return The model.
     * @throws IllegalArgumentException If the file is missing, not a Tribuo model, corrupt, or not a regression model.
     */
    public static Model<Regressor> readRegressionModel(Path file) {
        ModelProto proto = parse(file);
        String className = proto.getClassName();
        if (!REWARD_MODELS.contains(className) && !className.equals(EnsembleRewardModel.class.getName())
                && !className.startsWith("org.tribuo.")) {
            throw new IllegalArgumentException(file + ": names the class '" + className
                    + "', which is neither a reward model of this project nor a Tribuo model; refusing to load it");
        }
        Model<?> model = deserialize(file, proto);
        if (!model.validate(Regressor.class)) {
            throw new IllegalArgumentException(file + ": holds a " + className + " that does not predict Regressor outputs");
        }
        return model.castModel(Regressor.class);
    }

    private static ModelProto parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such model file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            ModelProto proto = ModelProto.parseFrom(in);
            if (proto.getClassName().isEmpty() || !proto.hasSerializedData()) {
                throw new IllegalArgumentException(file + ": not a Tribuo model file (no model class or payload)");
            }
            return proto;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + ": not a Tribuo model file, or truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Model<?> deserialize(Path file, ModelProto proto) {
        try {
            return Model.deserialize(proto);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new IllegalArgumentException(file + ": corrupt " + proto.getClassName() + " (" + message + ")", e);
        }
    }
}
