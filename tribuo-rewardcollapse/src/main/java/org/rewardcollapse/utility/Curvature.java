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
package org.rewardcollapse.utility;

/** The curvature of a utility on [0, 1], which decides how its interpolating optimum is found. */
public enum Curvature {
    /** U'' &lt; 0: the optimum is unique, ordered, symmetric and uses the whole range. */
    STRICTLY_CONCAVE,
    /** U'' = 0: the optimum puts half the rewards at 0 and half at 1 (the middle one is free when n is odd). */
    LINEAR,
    /** U'' &gt; 0: the optimum is a vertex, half the rewards at 0 and half at 1. */
    CONVEX
}
