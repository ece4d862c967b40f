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
/**
 * The use cases that the command line and Java callers share: a configured experiment (data, trainer, L2 chosen by
 * cross-validation, evaluation, export) written to a run directory atomically with its own log, re-run identically from
 * its provenance alone; evaluating a model or a scores file; scoring a data file in the JVM or with ONNX Runtime; and
 * the paper's experiment (the demo).
 */
package org.rewardcollapse.experiment;
