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

import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankingDataSource;
import org.rewardcollapse.eval.ReportTable;
import org.rewardcollapse.experiment.Experiment;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.experiment.RunResult;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.OutputDirectory;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.policy.Policies;
import org.rewardcollapse.policy.PromptTypePolicy;
import org.rewardcollapse.policy.UtilityPolicy;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LearningRateSchedule;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.PairWeighting;
import org.rewardcollapse.train.RankingObjective;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.rewardcollapse.train.RankingRewardTrainerBuilder;
import org.tribuo.Trainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.regression.Regressor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a reward model: from an OLCUT configuration file, or from a data file with an option per "
                + "setting (named as the trainer's configuration fields); writes a run directory (model.tribuo, "
                + "model.onnx, provenance.json, config.xml, metrics.json, plots, held-out-prompts.txt, run.log).")
final class TrainCommand implements Runnable {
    private static final int DEFAULT_PATIENCE = 5;
    /** The L2 penalties {@code --l2 auto} chooses from. */
    static final List<Double> L2_CANDIDATES = List.of(0.0, 1e-3, 1e-2, 1e-1, 1.0);
    /** The L2 penalties {@code --l2 auto} chooses from with {@code --solver newton} (also {@code spark-train}'s). */
    static final List<Double> NEWTON_L2_CANDIDATES = L2Selection.NEWTON_CANDIDATES;
    private static final String AUTO_L2 = "0, 1e-3, 1e-2, 0.1 and 1 (with --solver newton: 0.3, 1, 3, ..., 300 and "
            + "1000)";
    /** The options a configuration file does not replace. */
    private static final Set<String> WITH_CONFIG = Set.of("--config", "--out", "--force", "--verbose", "--quiet");

    @Option(names = "--config", paramLabel = "FILE", description = "An OLCUT configuration with one Experiment (instead of --data).")
    Path config;

    @Option(names = "--data", paramLabel = "FILE", description = "The training data (plain or gzip).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ranked, oasst, pairs or letor (default: detected).")
    String format;

    @Option(names = "--query", paramLabel = "FILE", description = "LETOR group-size file (default: qid, or FILE.query).")
    Path query;

    @Mixin
    TypeRuleOptions typeRules;

    @Option(names = "--test-data", paramLabel = "FILE",
            description = "Held-out data to evaluate on (same format); instead of holding out --test-fraction.")
    Path testData;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Fraction of prompt groups held out for evaluation when there is no --test-data (default: 0.2; "
                    + "0: evaluate on the training groups).")
    Double testFraction;

    @Mixin
    FeaturizerOptions featurizerOptions;

    @Option(names = "--utility", paramLabel = "SPEC", description = "One utility for every prompt (default: log-sigmoid:1).")
    String utility;

    @Option(names = "--policy", paramLabel = "SPEC",
            description = "A utility policy: TYPE=UTILITY,... (e.g. open=inverse,closed=linear), auto:cardinal, auto:classifier,...")
    String policy;

    @Option(names = "--untyped-utility", paramLabel = "SPEC",
            description = "With a TYPE=UTILITY policy: the utility of prompts that have no type (default: such a prompt "
                    + "is an error).")
    String untypedUtility;

    @Option(names = "--model", defaultValue = "linear", paramLabel = "KIND",
            description = "linear or mlp (default: ${DEFAULT-VALUE}, as good or better on the real data measured; the "
                    + "paper's interpolating regime needs an mlp).")
    String model;

    @Option(names = "--solver", defaultValue = "gradient", paramLabel = "S",
            description = "Linear models: gradient (minibatch steps, early stopping) or newton (Newton's method to the "
                    + "optimum; unbounded rewards, concave utilities; no epochs) (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--length-weight", defaultValue = "1", paramLabel = "W",
            description = "With --solver newton: multiply the learnt length weights by W in [0, 1] (1: as the labels "
                    + "taught; 0: no length preference, a length-controlled reward; default: ${DEFAULT-VALUE}).")
    double lengthWeight;

    @Option(names = {"--hidden-sizes", "--hidden"}, split = ",", paramLabel = "W",
            description = "MLP hidden layer widths, e.g. 64 or 64,32 (default: 64).")
    int[] hiddenSizes = {64};

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "A",
            description = "MLP activation: relu, tanh or sigmoid (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--bounded", description = "Bounded rewards (sigmoid head, the paper's setting).")
    boolean bounded;

    @Option(names = "--normalize-rewards", description = "Predict rewards standardised with the training statistics.")
    boolean normalizeRewards;

    @Option(names = "--centring-coefficient", defaultValue = "0", paramLabel = "C",
            description = "Reward centring (TRL's center_rewards_coefficient), >= 0 (default: ${DEFAULT-VALUE}).")
    double centringCoefficient;

    @Option(names = "--pair-weighting", defaultValue = "uniform", paramLabel = "W",
            description = "Pair weights: uniform (the paper's), score-difference, gain-difference or lambdarank "
                    + "(graded labels) (default: ${DEFAULT-VALUE}).")
    String pairWeighting;

    @Option(names = "--margin", defaultValue = "0", paramLabel = "MU",
            description = "Margin coefficient: each pair's utility is taken at r_i - r_j - MU (s_i - s_j), s the "
                    + "responses' scores (ratings or grades; the Llama 2 reward model's margin) (default: none).")
    double margin;

    @Option(names = "--length-decorrelation", defaultValue = "0", paramLabel = "LAMBDA",
            description = "Train a length-decorrelated reward (ODIN; linear models): a length head on the length "
                    + "features absorbs length, a penalty LAMBDA rho^2 keeps the quality head uncorrelated with log "
                    + "length, and the model keeps the quality head (default: off).")
    double lengthDecorrelation;

    @Option(names = "--ensemble", paramLabel = "K",
            description = "Train K models, 2 to 100 (by seed, or with --bootstrap on resamples of the prompt groups) "
                    + "as one ensemble: its reward is their mean, its variance their disagreement; the ONNX export has a "
                    + "second output, output_std (default: one model).")
    Integer ensemble;

    @Option(names = "--bootstrap", description = "With --ensemble: train each member on a bootstrap resample of the "
            + "prompt groups.")
    boolean bootstrap;

    @Option(names = "--optimiser", defaultValue = "adam", paramLabel = "O",
            description = "adam, lazy-adam (updates only the rows of the features a minibatch holds), adagrad or sgd "
                    + "(default: ${DEFAULT-VALUE}).")
    String optimiser;

    @Option(names = "--learning-rate", defaultValue = "0.01", paramLabel = "LR",
            description = "The optimiser's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--epochs", defaultValue = "50", paramLabel = "N",
            description = "Epochs at most (default: ${DEFAULT-VALUE}; --patience usually stops sooner).")
    int epochs;

    @Option(names = "--minibatch-size", defaultValue = "32", paramLabel = "G",
            description = "Prompt groups per minibatch (default: ${DEFAULT-VALUE}).")
    int minibatchSize;

    @Option(names = "--l2", defaultValue = "auto", paramLabel = "L2|auto",
            description = "L2 penalty on the weights, or auto: chosen from " + AUTO_L2 + " by --cv-folds "
                    + "cross-validation over the training prompt groups (default: ${DEFAULT-VALUE}).")
    String l2;

    @Option(names = "--unpenalised", defaultValue = ResponseFeaturizer.DEFAULT_UNPENALISED, split = ",",
            paramLabel = "NAME[,NAME...]",
            description = "Features the L2 penalty leaves alone: names, or prefixes ending in * (default: the character "
                    + "count and the empty-answer marker, ${DEFAULT-VALUE}, so that a penalty strong enough for "
                    + "hundreds of word or embedding features does not also erase length; the word count is "
                    + "penalised, as it ranks worse beside characters when free; 'none' penalises every feature).")
    List<String> unpenalised;

    @Option(names = "--cv-folds", defaultValue = "5", paramLabel = "K",
            description = "Folds of the cross-validation of --l2 auto, >= 2 (default: ${DEFAULT-VALUE}).")
    int cvFolds;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Fraction of training groups held out for validation and early stopping, in [0, 1) (0: none; "
                    + "default: 0.1, 0 with --solver newton).")
    Double validationFraction;

    @Option(names = "--patience", paramLabel = "E",
            description = "Stop after E epochs without a lower validation loss, keeping the best (0: never; default: "
                    + DEFAULT_PATIENCE + " with validation groups, else 0).")
    Integer patience;

    @Option(names = "--warmup-steps", defaultValue = "0", paramLabel = "S",
            description = "Linear learning-rate warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--decay", defaultValue = "constant", paramLabel = "D",
            description = "Learning-rate decay after warm-up: constant, linear or cosine (default: ${DEFAULT-VALUE}).")
    String decay;

    @Option(names = "--num-threads", defaultValue = "1", paramLabel = "T",
            description = "Threads computing each minibatch's gradient (default: ${DEFAULT-VALUE}).")
    int numThreads;

    @Option(names = "--seed", defaultValue = "12345", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ndcg-k", defaultValue = "10", paramLabel = "K",
            description = "NDCG cut-off of the held-out evaluation (default: ${DEFAULT-VALUE}).")
    int ndcgK;

    @Option(names = "--no-onnx", description = "Do not export the model to ONNX.")
    boolean noOnnx;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The run directory (written atomically; an existing one must be an earlier run, see --force).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run directory at --out (never anything else).")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    RewardCollapseCli cli;

    @Override
    public void run() {
        Experiment experiment = experiment();
        RunResult result;
        try {
            result = experiment.run(out, force ? OutputDirectory.Replace.EARLIER_OUTPUT : OutputDirectory.Replace.NOTHING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run to " + out + ": " + AtomicFiles.describe(e), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        result.selection().ifPresent(selection -> stdout.print(selection.table()));
        stdout.printf(Locale.ROOT, "trained %s in %.1f s%n", result.model().getClass().getSimpleName(), result.trainingSeconds());
        stdout.print(ReportTable.of(result.report()));
        if (!result.disagreement().isEmpty()) {
            stdout.print(result.disagreement().table());
        }
        stdout.println("wrote " + out);
    }

    private Experiment experiment() {
        if ((config == null) == (data == null)) {
            throw new IllegalArgumentException("give either --config FILE or --data FILE (with the training settings)");
        }
        if (config != null) {
            if (spec.commandLine().getParseResult().matchedOptions().stream()
                    .anyMatch(o -> !WITH_CONFIG.contains(o.longestName()))) {
                throw new IllegalArgumentException("--config takes no other training options; put them in the file");
            }
            return Experiment.load(config);
        }
        if (utility != null && policy != null) {
            throw new IllegalArgumentException("give --utility or --policy, not both");
        }
        EnsembleOptions.check(ensemble, bootstrap, "newton".equalsIgnoreCase(solver.strip()));
        RankingObjective objective = RankingObjective.builder().policy(utilityPolicy()).bounded(bounded)
                .centringCoefficient(centringCoefficient)
                .pairWeighting(choice("--pair-weighting", pairWeighting, PairWeighting.class)).margin(margin)
                .lengthDecorrelation(lengthDecorrelation).build();
        if (lengthDecorrelation > 0.0 && featurizerOptions.noLengthFeatures) {
            throw new IllegalArgumentException("--length-decorrelation needs the length features, which hold the "
                    + "length head: drop --no-length-features");
        }
        if (testData != null && testFraction != null) {
            throw new IllegalArgumentException("give --test-data or --test-fraction, not both");
        }
        DataFormat dataFormat = format == null ? null : DataFormat.fromName(format);
        ResponseFeaturizer featurizer = featurizerOptions.featurizer(cli.embeddingCacheDirectory());
        RankingDataSource source = new DataSpec(data, dataFormat, query, typeRules.rules()).load(featurizer);
        RankingDataSource test = testData == null ? null
                : new DataSpec(testData, dataFormat, null, typeRules.rules()).load(featurizer);
        RankingRewardTrainer trainer = builder().objective(objective).normalizeRewards(normalizeRewards)
                .optimiser(optimiser()).epochs(epochs).minibatchSize(minibatchSize).l2(autoL2() ? 0.0 : fixedL2())
                .unpenalised(OptionNames.noneIsEmpty(unpenalised).toArray(String[]::new))
                .validation(validation(), patience != null ? patience : validation() > 0.0 ? DEFAULT_PATIENCE : 0)
                .schedule(warmupSteps, choice("--decay", decay, LearningRateSchedule.Decay.class))
                .numThreads(numThreads).seed(seed).metadataKeys(source.promptIdKey(), source.promptTypeKey()).build();
        Trainer<Regressor> trained = ensemble == null ? trainer
                : new EnsembleRewardTrainer(trainer, ensemble, bootstrap, seed);
        Experiment experiment = new Experiment(data.getFileName().toString(), source, test,
                testFraction == null ? 0.2 : testFraction, seed, trained, ndcgK, !noOnnx);
        if (autoL2()) {
            if (cvFolds < 2) {
                throw new IllegalArgumentException("--cv-folds must be >= 2, found " + cvFolds);
            }
            boolean newton = trainer instanceof LinearRewardTrainer linear && linear.solver() == LinearSolver.NEWTON;
            return experiment.withL2Selection(newton ? NEWTON_L2_CANDIDATES : L2_CANDIDATES, cvFolds);
        }
        return experiment;
    }

    private double validation() {
        boolean newton = choice("--solver", solver, LinearSolver.class) == LinearSolver.NEWTON;
        return validationFraction != null ? validationFraction : newton ? 0.0 : 0.1;
    }

    private boolean autoL2() {
        return l2.strip().equalsIgnoreCase("auto");
    }

    private double fixedL2() {
        try {
            return Double.parseDouble(l2.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--l2 must be a number >= 0 or auto, found '" + l2 + "'");
        }
    }

    private RankingRewardTrainerBuilder<?, ?> builder() {
        return switch (model.toLowerCase(Locale.ROOT)) {
            case "linear" -> {
                requireUnmatched("--model mlp (the default model is linear)", "--hidden-sizes", "--activation");
                LinearSolver chosen = choice("--solver", solver, LinearSolver.class);
                if (chosen == LinearSolver.NEWTON) {
                    requireUnmatched("--solver gradient", "--optimiser", "--learning-rate", "--epochs",
                            "--minibatch-size", "--warmup-steps", "--decay");
                }
                yield LinearRewardTrainer.builder().solver(chosen).lengthWeight(lengthWeight);
            }
            case "mlp" -> {
                requireUnmatched("--model linear", "--solver", "--length-weight");
                yield MlpRewardTrainer.builder().hiddenSizes(hiddenSizes)
                        .activation(choice("--activation", activation, Activation.class));
            }
            default -> throw new IllegalArgumentException("--model must be linear or mlp, found '" + model + "'");
        };
    }

    private void requireUnmatched(String appliesTo, String... options) {
        for (String option : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " applies to " + appliesTo);
            }
        }
    }

    private UtilityPolicy utilityPolicy() {
        UtilityPolicy parsed = Policies.parse(policy != null ? policy : utility != null ? utility : "log-sigmoid:1");
        if (untypedUtility == null) {
            return parsed;
        }
        if (!(parsed instanceof PromptTypePolicy byType)) {
            throw new IllegalArgumentException("--untyped-utility applies to a TYPE=UTILITY policy, found '"
                    + parsed.spec() + "'");
        }
        return byType.withUntypedUtility(untypedUtility);
    }

    private StochasticGradientOptimiser optimiser() {
        return switch (optimiser.toLowerCase(Locale.ROOT)) {
            case "adam" -> new Adam(learningRate);
            case "lazy-adam" -> Adam.lazy(learningRate);
            case "adagrad" -> new AdaGrad(learningRate);
            case "sgd" -> SGD.getSimpleSGD(learningRate);
            default -> throw new IllegalArgumentException("--optimiser must be adam, lazy-adam, adagrad or sgd, found '"
                    + optimiser + "'");
        };
    }

    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ")
                        .append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException(option + " must be one of " + names + ", found '" + value + "'");
        }
    }
}
