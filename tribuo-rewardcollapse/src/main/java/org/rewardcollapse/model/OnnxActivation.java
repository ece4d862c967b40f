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

import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The ONNX activation operators Tribuo 4.3.2's {@code ONNXOperators} lacks (default domain, opset 13), added through
 * Tribuo's {@link ONNXOperator} extension point. Sigmoid is Tribuo's own.
 */
enum OnnxActivation implements ONNXOperator {
    /** Relu(x) = max(0, x). */
    RELU("Relu"),
    /** Tanh(x). */
    TANH("Tanh");

    private static final int OPSET_VERSION = 13;

    private final String opName;

    OnnxActivation(String opName) {
        this.opName = opName;
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return 1;
    }

    @Override
    public int getNumOptionalInputs() {
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return Collections.emptyMap();
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Collections.emptySet();
    }

    @Override
    public int getOpVersion() {
        return OPSET_VERSION;
    }

    @Override
    public String getOpDomain() {
        return null;
    }
}
