package io.arbiter.app.loadgen;

import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.TestCertificates;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class LoadgenCommandSystemTest
{
    @TempDir
    Path directory;

    @Test
    void shouldRunAgainstTheServerAndWriteEveryOutput() throws Exception
    {
        final Path json = directory.resolve("run.json");
        final Path hdr = directory.resolve("run.hdr");
        final Path report = directory.resolve("run.html");
        final PrintStream stdout = System.out;
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode;
        // Durability none: this test is about the command's outputs, and beside other builds writing to the same disk
        // a group-commit force held every reply for longer than the load generator's 5 s drain (busy run on 186a3d1:
        // 1,716 new orders unanswered, counted as errors).
        try (ArbiterNode node = new ArbiterNode(new ServerConfigLoader().loadDefaults().port(0).marketDataPort(0)
            .adminPort(0).journalDurability(DurabilityPolicy.NONE)
            .dataDir(directory.resolve("data").toString())).start())
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = new CommandLine(new LoadgenCommand()).execute("--port", Integer.toString(node.port()),
                "--admin-port", Integer.toString(node.adminPort()), "--connections", "8", "--rate", "1000",
                "--duration", "2s", "--warmup", "500ms", "--batch", "2", "--json", json.toString(),
                "--hdr", hdr.toString(), "--report", report.toString(),
                "--server-pid", Long.toString(ProcessHandle.current().pid()));
        }
        finally
        {
            System.setOut(stdout);
            System.setErr(stderr);
        }

        final String summary = out.toString(StandardCharsets.UTF_8);
        final String progress = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, summary + progress);
        assertTrue(summary.contains("ack (from intended)"), summary);
        assertTrue(progress.contains("\rmeasure") && progress.contains("p99"), "progress line: " + progress);
        assertTrue(Files.readString(json).contains("\"scheduled_requests\": 2500"));
        // the node now serves /metrics on its admin port, which the probe prefers to /proc
        assertTrue(Files.readString(json).contains("\"source\": \"http://"), "server figures from /metrics");
        assertTrue(Files.readString(hdr).contains("#[StartTime:"));
        assertTrue(Files.readString(report).contains("<svg "));
    }

    @Test
    void shouldRunOverTls() throws Exception
    {
        TestCertificates.writeTo(directory);
        final Path json = directory.resolve("tls.json");
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exitCode;
        try (ArbiterNode node = new ArbiterNode(new ServerConfigLoader().loadDefaults().port(0).marketDataPort(0)
            .adminPort(0)
            .tlsEnabled(true)
            .tlsCertificateFile(directory.resolve(TestCertificates.SERVER_CERTIFICATE).toString())
            .tlsPrivateKeyFile(directory.resolve(TestCertificates.SERVER_KEY).toString())
            .dataDir(directory.resolve("data").toString())).start())
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exitCode = new CommandLine(new LoadgenCommand()).execute("--port", Integer.toString(node.port()),
                "--admin-port", Integer.toString(node.adminPort()), "--connections", "2", "--rate", "200",
                "--duration", "1s", "--warmup", "200ms", "--no-progress", "--json", json.toString(),
                "--tls-trust", directory.resolve(TestCertificates.CA).toString());
        }
        finally
        {
            System.setOut(stdout);
        }
        final String summary = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, summary);
        assertTrue(Files.readString(json).contains("\"scheduled_requests\": 240"), Files.readString(json));
    }
}
