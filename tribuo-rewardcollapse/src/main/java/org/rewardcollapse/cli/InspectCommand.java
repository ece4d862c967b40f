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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.LoadReport;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.io.Json;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code inspect}: loads a data file and reports what a trainer would see.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Load a data file and report its groups, responses, pairs, sizes, prompt types and features.")
final class InspectCommand implements Runnable {
    @Mixin
    DataOptions dataOptions;

    @Mixin
    TypeRuleOptions typeRules;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        RankingDataSource source = dataOptions.spec(typeRules.rules()).load(ResponseFeaturizer.defaults());
        LoadReport report = source.report();
        int features = new MutableDataset<Regressor>(source).getFeatureMap().size();
        Map<Integer, Integer> sizes = report.groupSizes();
        Map<String, Integer> types = report.promptTypes();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("format", source.formatName());
            node.put("file", String.valueOf(source.dataFile().orElse(null)));
            node.put("groups", report.groups());
            node.put("responses", report.responses());
            node.put("pairs", report.pairs());
            node.put("groups_without_pairs", report.groupsWithoutPairs());
            node.put("empty_responses", report.emptyResponses());
            node.put("features", features);
            ObjectNode sizeNode = node.putObject("group_sizes");
            sizes.forEach((size, count) -> sizeNode.put(Integer.toString(size), count));
            ObjectNode typeNode = node.putObject("prompt_types");
            types.forEach(typeNode::put);
            report.skipped().forEach(node.putArray("skipped")::add);
            out.println(node.toPrettyString());
            return;
        }
        out.printf("format               %s%n", source.formatName());
        out.printf("file                 %s%n", source.dataFile().map(Object::toString).orElse("-"));
        out.printf("groups               %d%n", report.groups());
        out.printf("responses            %d%n", report.responses());
        out.printf("ordered pairs        %d%n", report.pairs());
        out.printf("groups without pairs %d (one response or all tied)%n", report.groupsWithoutPairs());
        out.printf("empty responses      %d%n", report.emptyResponses());
        out.printf("group sizes          %s%n", join(sizes));
        out.printf("prompt types         %s%n", join(types));
        out.printf("features             %d%n", features);
        for (String note : report.skipped()) {
            out.printf("skipped              %s%n", note);
        }
    }

    private static String join(Map<?, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((key, count) -> sb.append(sb.length() == 0 ? "" : "  ").append(key).append(": ").append(count));
        return sb.toString();
    }
}
