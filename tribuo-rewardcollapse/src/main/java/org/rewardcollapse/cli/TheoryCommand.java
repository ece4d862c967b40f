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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.theory.InterpolatingOptimum;
import org.rewardcollapse.theory.InterpolatingSolver;
import org.rewardcollapse.theory.LimitLaw;
import org.rewardcollapse.theory.LimitLaws;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code theory}: the exact interpolating optimum of a utility for n responses, against its limit law.
 */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = "Optimal rewards of a utility for n responses (the interpolating regime), its limit law and the KS distance.")
final class TheoryCommand implements Runnable {
    @Option(names = "--utility", required = true, paramLabel = "SPEC",
            description = "linear, log, inverse, power:G, neg-power:G or log-sigmoid:S; singular ones take ,eps=E.")
    String utility;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of responses, 2 to " + InterpolatingSolver.MAX_N + ".")
    int n;

    @Option(names = "--json", description = "Print JSON (key 'rewards' holds the rewards, ascending).")
    boolean json;

    @Option(names = "--training", description = "Read the spec as training does: log, inverse, power and neg-power "
            + "without eps get eps=" + Utilities.TRAINING_EPS + " (the paper's shifted forms), e.g. inverse is "
            + "inverse,eps=" + Utilities.TRAINING_EPS + ".")
    boolean training;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Utility u = training ? Utilities.parseForTraining(utility) : Utilities.parse(utility);
        Utility asTrained = Utilities.isTrainable(u) ? u : Utilities.parseForTraining(u.spec());
        if (n < 2 || n > InterpolatingSolver.MAX_N) {
            throw new IllegalArgumentException("--n must be in [2, " + InterpolatingSolver.MAX_N + "], found " + n);
        }
        InterpolatingOptimum optimum = new InterpolatingSolver().solve(u, n);
        if (!optimum.converged()) {
            throw new IllegalStateException(String.format(Locale.ROOT, "no reliable optimum for %s at n = %d: the "
                    + "solver stopped at KKT residual %.3g (it accepts at most %.0e); at this n the optimum's smallest "
                    + "gaps fall below double precision, so try a smaller n", u.spec(), n, optimum.kktResidual(),
                    InterpolatingOptimum.ACCEPTED_RESIDUAL));
        }
        Optional<LimitLaw> law = LimitLaws.of(u, optimum);
        Double ks = law.map(l -> LimitLaws.ksDistance(optimum.rewards(), l)).orElse(null);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("utility", u.spec());
            node.put("training_reads_it_as", asTrained.spec());
            node.put("n", n);
            ArrayNode rewards = node.putArray("rewards");
            for (double r : optimum.rewards()) {
                rewards.add(r);
            }
            node.put("limit_law", law.map(LimitLaw::name).orElse(null));
            if (ks == null) {
                node.putNull("ks_distance");
            } else {
                node.put("ks_distance", ks);
            }
            node.put("kkt_residual", optimum.kktResidual());
            node.put("unique", optimum.unique());
            node.put("note", optimum.note());
            node.put("iterations", optimum.iterations());
            node.put("solve_seconds", optimum.solveNanos() / 1e9);
            out.println(node.toPrettyString());
            return;
        }
        out.printf(Locale.ROOT, "utility       %s%s%n", u.spec(), asTrained.equals(u) ? ""
                : " (training reads '" + utility.strip() + "' as " + asTrained.spec()
                        + "; add --training to solve that form)");
        out.printf(Locale.ROOT, "n             %d%n", n);
        out.printf(Locale.ROOT, "rewards       %s%n", format(optimum.rewards()));
        out.printf(Locale.ROOT, "limit law     %s%n", law.map(LimitLaw::name).orElse("no closed form known"));
        out.printf(Locale.ROOT, "KS distance   %s%n", ks == null ? "-" : String.format(Locale.ROOT, "%.6f", ks));
        out.printf(Locale.ROOT, "KKT residual  %.3e%n", optimum.kktResidual());
        out.printf(Locale.ROOT, "unique        %s%n", optimum.unique() ? "yes" : "no");
        out.printf(Locale.ROOT, "method        %s (%d iterations)%n", optimum.note(), optimum.iterations());
        out.printf(Locale.ROOT, "solve time    %.3f ms%n", optimum.solveNanos() / 1e6);
    }

    private static String format(double[] rewards) {
        StringBuilder sb = new StringBuilder();
        for (double r : rewards) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.6f", r));
        }
        return sb.toString();
    }
}
