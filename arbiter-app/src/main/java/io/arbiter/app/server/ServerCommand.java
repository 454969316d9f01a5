package io.arbiter.app.server;

import io.arbiter.cluster.gateway.ReplicatedEngineClient;
import io.arbiter.engine.Prices;
import io.arbiter.fix.FixAcceptor;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.AccountConfig;
import io.arbiter.server.config.ConfigException;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerSettings;
import io.arbiter.server.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code arbiter server}: run one Arbiter node until the process is stopped (SIGINT/SIGTERM shut it down gracefully).
 * Configuration layers: the embedded default ({@code arbiter-default.properties}), then {@code --config FILE}, then
 * the flags. Main thread only.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
        "Run an Arbiter node: TCP order gateway (default port 7001), matching",
        "thread, admin HTTP (/health, /ready; default port 7002). Settings come",
        "from the embedded default configuration, then --config FILE (Java",
        "properties, same keys), then these options; every value is checked",
        "before anything starts (docs/configuration.md). Ctrl-C shuts down",
        "gracefully.",
        ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = { "0:stopped normally", "1:could not start (message on stderr)", "2:bad configuration or usage" },
    modelTransformer = ServerCommand.SettingOptions.class)
public final class ServerCommand implements Callable<Integer>
{
    private static final String MASK = "****";

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file applied on top of the embedded default (see arbiter-default.properties).")
    private Path config;

    @Option(names = "--instrument", paramLabel = "SYMBOL=TICK,LOT[,BASE,QUOTE[,MAKER_BPS,TAKER_BPS]]",
        description = "Define an instrument, with assets and fees for spot risk (repeatable); any use replaces the " +
            "configured instruments.")
    private List<String> instruments;

    @Option(names = "--account", paramLabel = "NAME=SECRET",
        description = "Allow an account (repeatable); any use replaces the configured accounts.")
    private List<String> accounts;

    @Option(names = "--cluster",
        description = "Cluster mode (same as --cluster-enabled true): front the Aeron Cluster of cluster.config " +
            "instead of a local engine and journal (docs/cluster.md).")
    private boolean cluster;

    @Option(names = "--print-config",
        description = "Print the effective settings (every key, after all layers; secrets masked) and exit.")
    private boolean printConfig;

    /**
     * Load the configuration, start the node and wait until the JVM shuts down.
     *
     * @return the exit code.
     * @throws InterruptedException if interrupted while waiting.
     */
    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter out = spec.commandLine().getOut();
        final ServerContext context;
        try
        {
            context = loadContext();
        }
        catch (final ConfigException ex)
        {
            err.println("arbiter server: " + ex.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (printConfig)
        {
            printConfig(context, out);
            return CommandLine.ExitCode.OK;
        }
        final FixAcceptor fix = new FixAcceptor();
        final ArbiterNode node = new ArbiterNode(context).extension(fix);
        try
        {
            if (context.cluster().enabled())
            {
                node.replicated(clusterClient(context));
            }
            node.start();
        }
        catch (final ConfigException ex)
        {
            err.println("arbiter server: " + ex.getMessage());
            err.flush();
            node.close();
            return CommandLine.ExitCode.USAGE;
        }
        catch (final RuntimeException | IOException ex)
        {
            err.println("arbiter server: cannot start: " + ex);
            err.flush();
            node.close();
            return 1;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        node.registerShutdownHook();
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "arbiter-stopped"));
        out.println("arbiter server: " + (context.cluster().enabled() ? "cluster mode (" +
            context.cluster().configFiles() + "), " : "") + "listening on " + context.bindAddress() + ":" +
            node.port() + " (" +
            node.transport().name().toLowerCase(java.util.Locale.ROOT) + "), admin on port " + node.adminPort() +
            ", FIX on port " + fix.port() + ", " + context.instruments().size() + " instruments, " +
            context.accounts().size() + " accounts");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The cluster's client; the node's instruments become the cluster's, in the ids the client gives them (control
     * plane, produces garbage).
     */
    private static ReplicatedEngineClient clusterClient(final ServerContext context) throws IOException
    {
        final ReplicatedEngineClient client = ReplicatedEngineClient.open(context.cluster());
        client.applyTo(context);
        return client;
    }

    /**
     * Produces garbage.
     *
     * @return the configuration from the embedded default, --config and the options, validated.
     * @throws ConfigException naming the setting, value, origin and allowed values at fault.
     */
    ServerContext loadContext()
    {
        final Properties overrides = new Properties();
        for (final Setting<?> setting : ServerSettings.all())
        {
            final String value = spec.findOption(setting.optionName()).getValue();
            if (value != null)
            {
                overrides.setProperty(setting.key(), value);
            }
        }
        if (cluster)
        {
            overrides.setProperty("cluster.enabled", "true");
        }
        if (instruments != null)
        {
            for (final String instrument : instruments)
            {
                final String[] parts = split("--instrument", instrument);
                overrides.setProperty("instrument." + parts[0], parts[1]);
            }
        }
        if (accounts != null)
        {
            for (final String account : accounts)
            {
                final String[] parts = split("--account", account);
                overrides.setProperty("account." + parts[0] + ".secret", parts[1]);
            }
        }
        return new ServerConfigLoader().load(config, overrides, ServerCommand::optionOf);
    }

    private static String optionOf(final String key)
    {
        if (key.startsWith("instrument."))
        {
            return "--instrument";
        }
        if (key.startsWith("account."))
        {
            return "--account";
        }
        final Setting<?> setting = ServerSettings.find(key);
        return setting == null ? "command line" : setting.optionName();
    }

    private static void printConfig(final ServerContext context, final PrintWriter out)
    {
        for (final Setting<?> setting : ServerSettings.all())
        {
            out.println(setting.key() + "=" + (setting.secret() ? MASK : setting.current(context)));
        }
        for (final InstrumentConfig instrument : context.instruments())
        {
            out.println("instrument." + instrument.symbol() + "=" +
                instrument.specification(Prices.format(instrument.tickSizeUnits())));
        }
        for (final AccountConfig account : context.accounts())
        {
            out.println("account." + account.name() + ".secret=" + MASK);
            out.println("account." + account.name() + ".id=" + account.id());
        }
        out.flush();
    }

    private static String[] split(final String flag, final String value)
    {
        final int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1)
        {
            throw new ConfigException(flag + ": '" + value + "' is not NAME=VALUE");
        }
        return new String[]{value.substring(0, eq), value.substring(eq + 1)};
    }

    /**
     * Adds one option per row of {@link ServerSettings} to {@code arbiter server}: name from the key, description
     * with the allowed values, the key and the default from the row. No default is bound, so an option that is not
     * given leaves the value of the configuration file in place. Control plane; produces garbage.
     */
    public static final class SettingOptions implements CommandLine.IModelTransformer
    {
        /**
         * {@inheritDoc}
         */
        @Override
        public CommandSpec transform(final CommandSpec commandSpec)
        {
            for (final Setting<?> setting : ServerSettings.all())
            {
                commandSpec.addOption(OptionSpec.builder(setting.optionName())
                    .paramLabel("VALUE")
                    .type(String.class)
                    .description(helpText(setting))
                    .build());
            }
            return commandSpec;
        }

        /**
         * @param setting a row of the table.
         * @return its {@code --help} text: description, allowed values, key and default.
         */
        static String helpText(final Setting<?> setting)
        {
            final String text = setting.description() + " Allowed: " + setting.type().allowed() + ". [key " +
                setting.key() + ", default " + (setting.defaultText().isEmpty() ? "empty" : setting.defaultText()) +
                "]";
            return text.replace("%", "%%");
        }
    }
}
