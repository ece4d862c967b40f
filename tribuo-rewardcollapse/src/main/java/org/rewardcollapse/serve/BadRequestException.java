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
 * A request the server refuses: its HTTP status (4xx) and a one-line message for the client.
 */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the error.
     * @param status The HTTP status.
     * @param message What is wrong, in one line.
     */
    BadRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * The HTTP status.
     * @return The status.
     */
    int status() {
        return status;
    }
}
