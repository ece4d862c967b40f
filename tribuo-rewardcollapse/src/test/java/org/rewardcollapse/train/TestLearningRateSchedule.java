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
package org.rewardcollapse.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestLearningRateSchedule {
    @Test
    void warmsUpLinearlyThenDecays() {
        LearningRateSchedule constant = new LearningRateSchedule(LearningRateSchedule.Decay.CONSTANT, 4, 20);
        assertEquals(0.25, constant.multiplier(0));
        assertEquals(1.0, constant.multiplier(3));
        assertEquals(1.0, constant.multiplier(19));
        LearningRateSchedule linear = new LearningRateSchedule(LearningRateSchedule.Decay.LINEAR, 4, 20);
        assertEquals(1.0, linear.multiplier(4));
        assertEquals(0.5, linear.multiplier(12));
        assertEquals(1.0 / 16, linear.multiplier(19), 1e-15);
        LearningRateSchedule cosine = new LearningRateSchedule(LearningRateSchedule.Decay.COSINE, 0, 10);
        assertEquals(1.0, cosine.multiplier(0));
        assertEquals(0.5, cosine.multiplier(5), 1e-15);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.9)), cosine.multiplier(9), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(LearningRateSchedule.Decay.LINEAR, -1, 5));
    }
}
