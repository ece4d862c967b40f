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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code serve}'s options are checked before anything starts, each mistake one line naming the option (exit status 2).
 */
class TestServeCommand {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--onnx m.onnx --port 70000              | --port must be in [0, 65535], found 70000",
            "--onnx m.onnx --max-batch 0             | --max-batch must be >= 1, found 0",
            "--onnx m.onnx --batch-wait-ms -1        | --batch-wait-ms must be in [0, 10000], found -1",
            "--onnx m.onnx --max-body-bytes 10       | --max-body-bytes must be in [1024, 1073741824], found 10",
            "--onnx m.onnx --strip-token=            | --strip-token must be non-empty strings",
            "--model m.tribuo --device cpu           | --device and --ort-threads apply to --onnx",
            "--model m.tribuo --onnx m.onnx          | mutually exclusive",
            "--onnx nowhere.onnx --port 0            | nowhere.onnx: no such ONNX file"})
    void aBadServeOptionIsAOneLineErrorNamingIt(String options, String fragment) {
        String[] args = ("serve " + options).split(" ");
        CliRun.of(args).assertOneLineError(2, fragment);
    }
}
