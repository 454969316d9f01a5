package io.arbiter.app.server;

import io.arbiter.app.ArbiterMain;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerSettings;
import io.arbiter.server.config.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = ArbiterMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setUsageHelpWidth(400);
        return commandLine.execute(args);
    }

    @Test
    void shouldRefuseAnOutOfRangePortBeforeTouchingTheDisk(@TempDir final Path dir)
    {
        final Path dataDir = dir.resolve("data");

        final int exit = run("server", "--port", "99999", "--data-dir", dataDir.toString());

        assertEquals(CommandLine.ExitCode.USAGE, exit);
        assertEquals("arbiter server: invalid setting server.port=99999 (--port): must be 0..65535",
            err.toString().strip());
        assertFalse(Files.exists(dataDir), "no data directory created");
        assertEquals("", out.toString());
    }

    @Test
    void shouldRefuseAnUnknownKeyInTheConfigFileNamingTheClosestKey(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("node.properties");
        Files.writeString(file, "server.prot=7100\n");

        assertEquals(CommandLine.ExitCode.USAGE, run("server", "--config", file.toString()));
        assertEquals("arbiter server: " + file + ": unknown key 'server.prot' (did you mean server.port?)",
            err.toString().strip());
    }

    @Test
    void shouldRefuseARuleBetweenSettingsBrokenByTheCommandLine()
    {
        assertEquals(CommandLine.ExitCode.USAGE, run("server", "--session-idle-timeout-ms", "500"));
        assertEquals("arbiter server: invalid settings session.heartbeatIntervalMs=1000 and " +
            "session.idleTimeoutMs=500: session.idleTimeoutMs must be above session.heartbeatIntervalMs",
            err.toString().strip());
    }

    @Test
    void shouldLayerDefaultsFileAndOptionsAndPrintTheEffectiveSettings(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("node.properties");
        Files.writeString(file, "server.port=7100\nadmin.port=7200\naccount.alice.secret=s3cret\n");

        final int exit = run("server", "--config", file.toString(), "--port", "7300",
            "--sequencer-wait-strategy", "BUSY_SPIN", "--overload-max-queue-delay-ms", "7", "--admin-token", "t0ken",
            "--print-config");

        assertEquals(CommandLine.ExitCode.OK, exit, err.toString());
        final String printed = out.toString();
        assertTrue(printed.contains("server.port=7300\n"), printed);
        assertTrue(printed.contains("admin.port=7200\n"), printed);
        assertTrue(printed.contains("sequencer.waitStrategy=busy-spin\n"), printed);
        assertTrue(printed.contains("overload.maxQueueDelayMs=7\n"), printed);
        assertTrue(printed.contains("instrument.BTC-USD=0.01,1\n"), printed);
        assertTrue(printed.contains("account.alice.secret=****\n"), printed);
        assertFalse(printed.contains("s3cret"), printed);
        assertTrue(printed.contains("admin.token=****\n"), printed);
        assertFalse(printed.contains("t0ken"), printed);
        assertFalse(printed.contains("demo1"), "accounts of the file replace the default ones");
        for (final Setting<?> setting : ServerSettings.all())
        {
            assertTrue(printed.contains("\n" + setting.key() + "=") || printed.startsWith(setting.key() + "="),
                setting.key());
        }
    }

    @Test
    void shouldShowInHelpEveryOptionWithTheDefaultOfTheEmbeddedFile() throws IOException
    {
        final Properties embedded = new Properties();
        try (InputStream in = ServerConfigLoader.class.getResourceAsStream(ServerConfigLoader.DEFAULT_RESOURCE))
        {
            embedded.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        assertEquals(CommandLine.ExitCode.OK, run("server", "--help"));

        final String help = out.toString().replaceAll("\\s+", " ");
        // picocli may wrap a long key after its dot: compare the bracket without any white space
        final String packed = out.toString().replaceAll("\\s+", "");
        for (final Setting<?> setting : ServerSettings.all())
        {
            final String fileDefault = embedded.getProperty(setting.key());
            final String shown = fileDefault.isEmpty() ? "empty" : fileDefault.replaceAll("\\s+", "");
            assertTrue(help.contains(setting.optionName() + "=VALUE "), setting.optionName());
            assertTrue(packed.contains("[key" + setting.key() + ",default" + shown + "]"),
                setting.key() + " shows the default " + shown + " of arbiter-default.properties");
        }
    }
}
