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
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.experiment.Experiment;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.experiment.Reproduction;
import org.rewardcollapse.experiment.RunResult;
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.LinearRewardModel;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Newton training refuses (each refusal names its setting), and that its models go through everything a
 * gradient-trained linear model goes through: experiments with L2 chosen by cross-validation, reproduction, ensembles.
 */
class TestNewtonSettings {
    @TempDir
    Path dir;

    private static LinearRewardTrainer.Builder newton() {
        return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).l2(0.01);
    }

    private static void assertRefusedNaming(Executable what, String setting, String fragment) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, what);
        assertTrue(e.settings().contains(setting), e.settings() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(setting) && e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void whatIsNotConcaveOrWouldBeIgnoredIsRefusedNamingTheSetting() {
        assertRefusedNaming(() -> newton().objective(RankingObjective.of("log-sigmoid:1", true)).build(), "bounded",
                "non-concave");
        assertRefusedNaming(() -> newton().objective(RankingObjective.builder().pairWeighting(PairWeighting.LAMBDARANK)
                .build()).build(), "pairWeighting", "LAMBDARANK");
        assertRefusedNaming(() -> newton().objective(RankingObjective.builder().lengthDecorrelation(1).build()).build(),
                "lengthDecorrelation", "not concave");
        assertRefusedNaming(() -> newton().validation(0.1, 0).build(), "validationFraction", "set it to 0");
        assertRefusedNaming(() -> newton().validation(0.1, 3).build(), "validationFraction", "early stopping");
        assertRefusedNaming(() -> newton().snapshots(16, 0, 10).build(), "snapshotSteps", "GRADIENT");
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(10, 4, 1);
        assertRefusedNaming(() -> newton().objective(RankingObjective.builder().utility("power:2").build()).build()
                .train(data), "solver", "convex");
        assertRefusedNaming(() -> newton().objective(RankingObjective.builder().utility("linear").build()).l2(0).build()
                .train(data), "l2", "no maximum");
        assertRefusedNaming(() -> newton().objective(RankingObjective.builder().utility("linear").build())
                .unpenalised("f1").build().train(data), "unpenalised", "grows without bound");
        RankingObjective linear = RankingObjective.builder().utility("linear").centringCoefficient(0.1).build();
        assertTrue(newton().objective(linear).build().train(data).history().stopReason().startsWith("Newton converged"),
                "linear with L2 on every weight has a maximum");
    }

    @Test
    void moreFeaturesThanTheDenseHessianTakesAreRefusedWithTheCount() {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> wide = new MutableDataset<>(new SimpleDataSourceProvenance("wide", factory), factory);
        for (int i = 0; i < 2; i++) {
            List<Feature> features = new ArrayList<>();
            for (int f = 0; f < 2_500; f++) {
                features.add(new Feature("w" + (i * 2_500 + f), 1.0));
            }
            wide.add(RankingMetadata.example("p", null, i, features, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                    RankingMetadata.DEFAULT_PROMPT_TYPE_KEY));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> newton().build().train(wide));
        assertTrue(e.getMessage().contains("5,000 features is more than 4,096"), e.getMessage());
    }

    @Test
    void anExperimentChoosesL2ByCrossValidationAndReproducesBitIdentically() throws IOException {
        Experiment experiment = new Experiment("newton", new SyntheticRankingSource(24, 0.5, 2L,
                RankingFixtures.truncationFeaturizer()), null, 0.25, 3L, newton().l2(0).build(), 10, true)
                .withL2Selection(List.of(0.0, 0.01), 2);
        Path run = dir.resolve("run");
        RunResult result = experiment.run(run);
        L2Selection.Result selection = result.selection().orElseThrow();
        assertEquals(2, selection.candidates().size());
        LinearRewardModel model = (LinearRewardModel) result.model();
        assertTrue(model.history().stopReason().startsWith("Newton "), model.history().stopReason());
        assertTrue(Files.isRegularFile(run.resolve("model.onnx")));
        assertTrue(Files.readString(run.resolve("provenance.json")).contains("NEWTON"));
        Reproduction.Report report = Reproduction.reproduce(run);
        assertTrue(report.identical(), report.toText());
        assertEquals(0.0, report.maxDifference());
    }

    @Test
    void ensembleMembersBySeedAreIdenticalAndBootstrapMembersDiffer() {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(20, 4, 9);
        List<RewardModel> bySeed = ((EnsembleRewardModel) new EnsembleRewardTrainer(newton().build(), 2, false, 1L)
                .train(data)).members();
        assertEquals(bySeed.get(0).network(), bySeed.get(1).network(), "Newton's optimum does not depend on the seed");
        List<RewardModel> bootstrap = ((EnsembleRewardModel) new EnsembleRewardTrainer(newton().build(), 2, true, 1L)
                .train(data)).members();
        assertNotEquals(bootstrap.get(0).network(), bootstrap.get(1).network());
    }
}
