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

/**
 * The rules for {@code --ensemble K} and {@code --bootstrap} that {@code train} and {@code spark-train} share.
 */
public final class EnsembleOptions {
    /** The most members {@code --ensemble} takes: each is a whole training run, and all go in one ONNX graph. */
    public static final int MAX_MEMBERS = 100;

    private EnsembleOptions() {}

    /**
     * Checks the two options together.
     * @param ensemble The number of members, or null for a single model.
     * @param bootstrap Whether each member trains on a bootstrap resample of the prompt groups.
     * @param newton Whether the members are solved by Newton's method, which has no seed: members trained on the
     *               same groups would be the same model.
     * @throws IllegalArgumentException If the options do not go together, in one line naming them.
     */
    public static void check(Integer ensemble, boolean bootstrap, boolean newton) {
        if (ensemble != null && (ensemble < 2 || ensemble > MAX_MEMBERS)) {
            throw new IllegalArgumentException("--ensemble must be in [2, " + MAX_MEMBERS + "], found " + ensemble);
        }
        if (bootstrap && ensemble == null) {
            throw new IllegalArgumentException("--bootstrap applies to --ensemble K");
        }
        if (ensemble != null && !bootstrap && newton) {
            throw new IllegalArgumentException("--ensemble K with Newton's solver needs --bootstrap: Newton members "
                    + "trained on the same groups are the same model (every reward_std 0)");
        }
    }
}
