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
 * File and configuration plumbing shared by every package: atomic writes, output directories that are complete or
 * absent and never replace what the tool did not write, checks that an output is not one of the inputs, the project's
 * JSON mapper, safe OLCUT configuration files (and class names that moved), and the error that names a bad setting by
 * its configuration field.
 */
package org.rewardcollapse.io;
