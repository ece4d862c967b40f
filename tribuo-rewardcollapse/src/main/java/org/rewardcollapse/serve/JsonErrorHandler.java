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

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty's own errors (the size limit's 413, 503 while stopping, 431 for huge headers, 400 for malformed HTTP) as the
 * same one-line JSON the endpoints send, instead of Jetty's HTML page, and counted in the metrics; a 503 asks the
 * client to retry in a second.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ServeMetrics metrics;

    /**
     * The handler.
     * @param metrics Where the answers are counted.
     */
    JsonErrorHandler(ServeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        metrics.answeredByServer(Request.getPathInContext(request), code);
        byte[] body = Reply.errorBody(message == null || message.isBlank() ? "HTTP " + code : message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Reply.JSON);
        if (code == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Reply.JSON);
        return ByteBuffer.wrap(Reply.errorBody(reason == null || reason.isBlank() ? "HTTP " + status : reason));
    }
}
