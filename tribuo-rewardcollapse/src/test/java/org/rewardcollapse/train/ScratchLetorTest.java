package org.rewardcollapse.train;

import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.*;
import org.rewardcollapse.eval.*;
import org.rewardcollapse.model.*;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;
import java.nio.file.Path;
import java.util.*;

class ScratchLetorTest {
    @Test
    void letor() {
        Path dir = Path.of(System.getProperty("rewardcollapse.data.dir"));
        MutableDataset<Regressor> train = new MutableDataset<>(new LetorSource(dir.resolve("letor_rank.train")));
        MutableDataset<Regressor> test = new MutableDataset<>(new LetorSource(dir.resolve("letor_rank.test")));
        for (String spec : System.getProperty("configs", "linear:log-sigmoid:1:0.01:30;mlp:log-sigmoid:1:0.003:30").split(";")) {
            String[] p = spec.split(":");
            String kind = p[0]; String utility = p[1] + (p[1].equals("log-sigmoid") ? ":" + p[2] : ""); int o = p[1].equals("log-sigmoid") ? 3 : 2;
            double lr = Double.parseDouble(p[o]); int epochs = Integer.parseInt(p[o+1]);
            long t = System.nanoTime();
            RankingRewardTrainer trainer = kind.equals("linear")
                ? LinearRewardTrainer.builder().utility(utility).optimiser(Boolean.getBoolean("avg") ? new org.tribuo.math.optimisers.ParameterAveraging(new Adam(lr)) : new Adam(lr)).epochs(epochs).minibatchSize(Integer.getInteger("batch", 8)).numThreads(Integer.getInteger("threads", 1)).l2(Double.parseDouble(System.getProperty("l2","0"))).pairWeighting(PairWeighting.valueOf(System.getProperty("pw","UNIFORM"))).build()
                : MlpRewardTrainer.builder().hiddenSizes(Integer.getInteger("hidden", 64)).activation(Activation.valueOf(System.getProperty("act","RELU"))).utility(utility).optimiser(Boolean.getBoolean("avg") ? new org.tribuo.math.optimisers.ParameterAveraging(new Adam(lr)) : new Adam(lr)).epochs(epochs).minibatchSize(Integer.getInteger("batch", 8)).numThreads(Integer.getInteger("threads", 1)).l2(Double.parseDouble(System.getProperty("l2","0"))).pairWeighting(PairWeighting.valueOf(System.getProperty("pw","UNIFORM"))).build();
            RewardModel model = trainer.train(train);
            double secs = (System.nanoTime() - t) / 1e9;
            List<GroupRewards> groups = ScoredGroups.predict(model, test);
            double ndcg = groups.stream().mapToDouble(g -> RankingMetrics.ndcg(g.scores(), g.rewards(), 10)).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
            double acc = groups.stream().mapToDouble(g -> RankingMetrics.pairwiseAccuracy(g.scores(), g.rewards())).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
            long nanGroups = groups.stream().filter(g -> Double.isNaN(RankingMetrics.ndcg(g.scores(), g.rewards(), 10))).count();
            List<GroupRewards> tr = ScoredGroups.predict(model, train);
            double trainNdcg = tr.stream().mapToDouble(g -> RankingMetrics.ndcg(g.scores(), g.rewards(), 10)).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
            System.out.printf("%s: test NDCG@10 %.4f (excluded %d), acc %.4f, train NDCG %.4f, %.1f s%n", spec, ndcg, nanGroups, acc, trainNdcg, secs);
        }
    }
}
