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
package org.rewardcollapse.serve;

/**
 * The server cannot take a request now: its queue is full, or it is stopping. The client should retry later
 * (503 with {@code Retry-After}).
 */
final class OverloadedException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     * @param message Why, in one line.
     */
    OverloadedException(String message) {
        super(message, null, false, false);
    }
}
