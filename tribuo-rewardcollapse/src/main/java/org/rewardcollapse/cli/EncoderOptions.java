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

import org.rewardcollapse.data.features.EncoderSetup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where a model's sentence encoder is on this machine, shared by the commands that score with a trained model.
 */
final class EncoderOptions {
    @Option(names = "--encoder", paramLabel = "DIR",
            description = "Where the model's sentence encoder is now, when it was trained with one from a directory that "
                    + "has moved (its files must be the ones it trained with).")
    Path encoder;

    /**
     * Where the encoder runs on this machine: its directory now and the command line's embedding cache.
     * @param cli The command line.
     * @return The setup (the device is the recorded one; an exported model puts its encoder on its own device).
     */
    EncoderSetup setup(RewardCollapseCli cli) {
        return new EncoderSetup(encoder, null, cli.embeddingCacheDirectory());
    }
}
