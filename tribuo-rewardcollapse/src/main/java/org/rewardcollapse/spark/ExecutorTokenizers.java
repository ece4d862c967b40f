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

import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.rewardcollapse.text.TokenizerSettings;

import java.nio.file.Path;

/**
 * DJL's tokenizer as the jobs use it, set before it first loads in a JVM: on the driver and on every executor it
 * neither calls home nor downloads a native library ({@link TokenizerSettings#offlineUnlessSet()}), and on an executor
 * it unpacks its native library under the executor's own directory ({@code SparkFiles.getRootDirectory()}: the
 * executor's working directory, which the cluster manager owns and cleans) rather than {@code ~/.djl.ai} of whatever
 * user the executor runs as; in each case unless the user set it ({@code spark.executorEnv.DJL_OFFLINE}, ...).
 */
final class ExecutorTokenizers {
    private ExecutorTokenizers() {}

    /** Sets DJL's choices in this JVM, unless set already (a property or the environment). */
    static synchronized void setUp() {
        TokenizerSettings.offlineUnlessSet();
        if (SparkEnv.get() != null) {
            TokenizerSettings.cacheUnlessSet(Path.of(SparkFiles.getRootDirectory(), "djl").toAbsolutePath());
        }
    }
}
