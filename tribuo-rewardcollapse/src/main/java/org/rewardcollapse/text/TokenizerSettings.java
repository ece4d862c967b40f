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
package org.rewardcollapse.text;

/**
 * Settings of DJL's Hugging Face tokenizer binding that an application chooses for its whole process: DJL calls home
 * (the EC2 metadata address and a usage URL) and may fetch a CUDA build of its native library unless told not to. The
 * library itself sets nothing; the command line and the Spark job call {@link #offlineUnlessSet()} at startup, and a
 * library user who encodes text sets {@code OPT_OUT_TRACKING=true} and {@code DJL_OFFLINE=true} (environment) or the
 * system properties {@code OPT_OUT_TRACKING} and {@code ai.djl.offline}.
 */
public final class TokenizerSettings {
    private TokenizerSettings() {}

    /**
     * Tells DJL not to call home or download, unless the user set either choice (environment or system property).
     */
    public static void offlineUnlessSet() {
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * Unless the user named one ({@code DJL_CACHE_DIR} or {@code ENGINE_CACHE_DIR}, as a variable or a property), DJL
     * unpacks its tokenizer library into the given directory instead of {@code ~/.djl.ai} (the command line gives it a
     * private temporary directory, so that it writes nothing under the user's home that the user did not ask for).
     * @param directory The directory.
     */
    public static void cacheUnlessSet(java.nio.file.Path directory) {
        for (String name : java.util.List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            if (System.getenv(name) != null || System.getProperty(name) != null) {
                return;
            }
        }
        System.setProperty("DJL_CACHE_DIR", directory.toString());
        System.setProperty("ENGINE_CACHE_DIR", directory.toString());
    }
}
