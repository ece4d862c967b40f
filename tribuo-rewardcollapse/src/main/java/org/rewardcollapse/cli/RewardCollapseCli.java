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

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.json.JsonConfigFactory;
import org.rewardcollapse.experiment.Experiment;
import org.rewardcollapse.experiment.OneLineLogFormatter;
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.text.EmbeddingCache;
import org.rewardcollapse.text.TokenizerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The {@code rewardcollapse} command line: one runnable jar, one subcommand per job.
 * <p>
 * Exit status: 0 on success, 2 for bad usage or bad input (one line on stderr), 1 for anything else (one line
 * on stderr; the stack trace only with {@code --verbose}).
 */
@Command(name = "rewardcollapse", mixinStandardHelpOptions = true, versionProvider = RewardCollapseCli.Version.class,
        description = "Ranking reward models for Tribuo without reward collapse.")
public final class RewardCollapseCli implements Runnable {
    /**
     * The subcommands, in the order help lists them; {@link #commandLine(String[])} registers them (not the
     * annotation, so that an invocation registers only what it runs).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(TheoryCommand.class, InspectCommand.class, GenerateCommand.class,
            SplitCommand.class, EvaluateCommand.class, ExportCommand.class, ScoreCommand.class, ServeCommand.class,
            TrainCommand.class, ReproduceCommand.class, DemoCommand.class);

    /** Exit status for bad usage or bad input. */
    public static final int EXIT_USAGE = 2;
    /** Exit status for any other failure. */
    public static final int EXIT_FAILURE = 1;

    /** The project's root logger, held so that its level is not lost to garbage collection (JUL keeps loggers weakly). */
    private static final Logger PROJECT_LOGGER = Logger.getLogger(Experiment.PROJECT_LOGGER);

    /** The loggers whose records are progress lines, shown unless {@code --quiet}: training's and encoding's. */
    static final String PROGRESS_SUFFIX = ".progress";

    /** The longest error message printed without {@code --verbose}. */
    static final int MAX_MESSAGE = 400;
    /**
     * The subcommands that read no configuration file, load no tokenizer or sentence encoder and draw no plot, so
     * need neither OLCUT's JSON configuration factory nor {@link PrivateFiles}' directory.
     */
    static final Set<String> SELF_CONTAINED = Set.of("theory");
    /** The options that name an input file, for the out-of-memory message. */
    private static final Set<String> INPUT_OPTIONS = Set.of("--data", "--model", "--onnx", "--scores", "--config",
            "--run", "--texts");

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log everything the project logs and print stack traces of errors.")
    boolean verbose;

    @Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
            description = "Do not print training progress (warnings and errors only).")
    boolean quiet;

    private String embeddingCache;

    /**
     * Sets the directory of the embedding cache for this invocation.
     * @param directory A directory, or {@code none} to encode without a cache.
     */
    @Option(names = "--embedding-cache", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR|none",
            description = "Where sentence-encoder embeddings are cached (default: $REWARDCOLLAPSE_EMBEDDING_CACHE, else "
                    + "~/.cache/rewardcollapse/embeddings); none: no cache.")
    void embeddingCache(String directory) {
        this.embeddingCache = directory;
    }

    /**
     * The embedding cache of this invocation: {@code --embedding-cache}, else
     * {@link EmbeddingCache#defaultDirectory()}.
     * @return The directory, or null for no cache.
     */
    Path embeddingCacheDirectory() {
        return embeddingCache != null ? EmbeddingCache.directory(embeddingCache) : EmbeddingCache.defaultDirectory();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     * @param args The arguments.
     */
    public static void main(String[] args) {
        if (TelemetryOff.needed(args)) {
            int status = TelemetryOff.relaunch(args);
            if (status >= 0) {
                System.exit(status);
            }
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line with the given streams, without exiting.
     * @param args The arguments.
     * @param out Standard output.
     * @param err Standard error.
     * @return The exit status.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        configureLogging(verbose, java.util.Arrays.asList(args).contains("--quiet"), err);
        // Process-wide settings belong to the application, not the library: JSON configuration files, and plots
        // drawn without a display.
        // A command that reads no files and starts no library (theory) skips the configuration factory and the
        // private directory, whose set-up (OLCUT and Jackson, a temporary directory from a seeded SecureRandom, a
        // shutdown hook that walks it) is a noticeable part of a cold start.
        boolean selfContained = args.length > 0 && SELF_CONTAINED.contains(args[0]);
        if (!selfContained && ConfigurationManager.getFileFormatFactory("json") == null) {
            ConfigurationManager.addFileFormatFactory(new JsonConfigFactory());
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        TokenizerSettings.offlineUnlessSet();
        if (!selfContained) {
            PrivateFiles.prepare(args);
        }
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage()
                    + " (try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean userError = ex instanceof IllegalArgumentException;
            err.println(cmd.getCommandName() + ": " + (userError ? "" : "error: ") + message(ex));
            if (verbose && ex.getMessage() != null && !message(ex).equals(ex.getMessage().strip())) {
                err.println(ex.getMessage());
            }
            if (verbose) {
                ex.printStackTrace(err);
            }
            return userError ? EXIT_USAGE : EXIT_FAILURE;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(args));
            if (verbose) {
                e.printStackTrace(err);
            }
            return EXIT_FAILURE;
        }
    }

    /**
     * The command line for these arguments. Picocli builds the model of a command by reading its options by
     * reflection, loading every class they name; for the eleven subcommands (hundreds of options, Tribuo's and
     * the project's types among them) that was the largest part of the command line's own start-up. An
     * invocation that names its subcommand first, the usual form, gets that subcommand alone, which parses it
     * exactly as before; anything else (help, {@code --version}, options before the subcommand, a misspelt
     * name) gets all of them.
     * @param args The arguments.
     * @return The command line, every subcommand answering {@code --version}.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine commandLine = new CommandLine(new RewardCollapseCli());
        String first = args.length > 0 ? args[0] : "";
        boolean named = SUBCOMMANDS.stream().anyMatch(c -> name(c).equals(first));
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (!named || name(subcommand).equals(first)) {
                commandLine.addSubcommand(subcommand);
            }
        }
        // Every subcommand answers --version (train --version printed nothing).
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        return commandLine;
    }

    /** A subcommand's name, from its annotation (without building its model). */
    private static String name(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }

    /** One line for an out-of-memory error: what was being read and how to give Java more heap. */
    static String outOfMemory(String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "rewardcollapse" : args[0];
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (INPUT_OPTIONS.contains(args[i])) {
                inputs.add(args[i + 1]);
            }
        }
        return String.format(Locale.ROOT, "%s: out of memory%s with a heap of %d MiB; give Java more, e.g. "
                        + "java -Xmx%dg -jar rewardcollapse.jar %s ...", command,
                inputs.isEmpty() ? "" : " while working on " + String.join(", ", inputs),
                Runtime.getRuntime().maxMemory() >> 20, Math.max(2, 2 * ((Runtime.getRuntime().maxMemory() >> 30) + 1)),
                command);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /**
     * The exception's message as one line of at most {@value #MAX_MESSAGE} characters; a bad setting is named by its
     * option ({@link OptionNames}).
     */
    static String message(Throwable ex) {
        String message = ex instanceof InvalidSettingException setting ? OptionNames.describe(setting)
                : ex.getMessage();
        if (message == null || message.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "... (" + line.length()
                + " characters; --verbose prints all)" : line;
    }

    /**
     * The console (standard error) shows warnings, and training progress (one line per epoch) unless {@code --quiet};
     * {@code --verbose} shows everything the project logs. The project's loggers always record at INFO, so a run's log
     * is complete.
     */
    private static void configureLogging(boolean verbose, boolean quiet, PrintWriter err) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler console = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    err.print(getFormatter().format(record));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        console.setFormatter(new OneLineLogFormatter());
        console.setLevel(Level.INFO);
        console.setFilter(record -> verbose || record.getLevel().intValue() >= Level.WARNING.intValue()
                || (!quiet && record.getLoggerName() != null && record.getLoggerName().endsWith(PROGRESS_SUFFIX)));
        root.addHandler(console);
        root.setLevel(verbose ? Level.INFO : Level.WARNING);
        PROJECT_LOGGER.setLevel(Level.INFO);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RewardCollapseCli.class.getPackage().getImplementationVersion();
            return new String[]{"rewardcollapse " + (version == null ? "(development build)" : version)
                    + ", Tribuo " + org.tribuo.Tribuo.VERSION + ", Java " + System.getProperty("java.version")};
        }
    }
}
