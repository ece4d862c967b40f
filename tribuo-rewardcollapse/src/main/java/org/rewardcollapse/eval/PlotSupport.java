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
package org.rewardcollapse.eval;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Whether plots can be drawn: {@link Plots} draws with XChart, an optional dependency of the library (the runnable
 * jar has it). Without it, evaluations write their metrics and no plots, and say so once.
 */
public final class PlotSupport {
    /** The Maven coordinates of the plotting library, for the message. */
    public static final String XCHART = "org.knowm.xchart:xchart:3.8.8";
    private static final Logger logger = Logger.getLogger(PlotSupport.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final boolean AVAILABLE = present("org.knowm.xchart.XYChart");

    private PlotSupport() {}

    /**
     * Can plots be drawn? When not, the first call logs one warning naming the missing dependency.
     * @return True when XChart is on the class path.
     */
    public static boolean available() {
        if (!AVAILABLE && !WARNED.getAndSet(true)) {
            logger.warning("plots are not drawn: the plotting library " + XCHART + " is not on the class path (the "
                    + "metrics are written as usual)");
        }
        return AVAILABLE;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, PlotSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
