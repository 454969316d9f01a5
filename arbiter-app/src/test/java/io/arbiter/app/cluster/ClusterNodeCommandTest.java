package io.arbiter.app.cluster;

import io.arbiter.app.ArbiterMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code arbiter cluster-node}'s refusals, before any member starts. Single-threaded.
 */
class ClusterNodeCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = ArbiterMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void shouldRefuseAMissingConfigurationFile()
    {
        assertEquals(ArbiterMain.EXIT_FAILURE,
            run("cluster-node", "--id", "0", "--config", dir.resolve("absent.properties").toString()));
        assertTrue(err.toString().contains("cannot read"), err.toString());
    }

    @Test
    void shouldRefuseAnIdThatIsNotAMember() throws Exception
    {
        final Path file = dir.resolve("cluster.properties");
        Files.writeString(file, "cluster.members=0=localhost:9100,1=localhost:9110,2=localhost:9120\n" +
            "instrument.BTC-USD=0.01,1\n");
        assertEquals(ArbiterMain.EXIT_FAILURE, run("cluster-node", "--id", "3", "--config", file.toString()));
        assertTrue(err.toString().contains("member id 3"), err.toString());
    }

    @Test
    void shouldRequireTheIdAndTheConfiguration()
    {
        assertEquals(ArbiterMain.EXIT_USAGE, run("cluster-node", "--id", "0"));
    }
}
