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
package org.rewardcollapse.experiment;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Names the data file in errors about its examples that arise while a model reads them (Tribuo's own models print a
 * whole example when none of its features is known: that becomes one line).
 */
final class InputErrors {
    private InputErrors() {}

    static <T> T naming(Path data, Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("No features found in Example")) {
                message = "an example has none of the model's features (is the data from another feature space?)";
            }
            throw new IllegalArgumentException(data + ": " + message, e);
        }
    }
}
