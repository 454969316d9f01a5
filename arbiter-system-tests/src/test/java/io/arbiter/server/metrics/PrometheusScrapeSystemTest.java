package io.arbiter.server.metrics;

import com.google.protobuf.ByteString;
import io.arbiter.protocol.proto.Cancel;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validates the deploy kit with the real promtool, starts a real node, drives one session over loopback, lets a real
 * Prometheus scrape the node's {@code /metrics} on loopback and queries Prometheus's HTTP API for Arbiter's series.
 * Installs Debian's prometheus package when missing.
 */
@Tag("slow")
class PrometheusScrapeSystemTest
{
    @TempDir
    Path journalDir;

    private static final Path DEPLOY = Paths.get("..", "deploy", "prometheus");

    @TempDir
    Path temp;

    @Test
    void shouldPassPromtoolAndBeScrapedByARealPrometheus() throws Exception
    {
        ensurePrometheusInstalled();
        assertEquals(0, run(List.of("promtool", "check", "config", DEPLOY.resolve("prometheus.yml").toString())));
        assertEquals(0, run(List.of("promtool", "check", "rules", DEPLOY.resolve("arbiter-alerts.yml").toString())));

        final ArbiterNode node = new ArbiterNode(new ServerConfigLoader().loadDefaults()
            .dataDir(journalDir.toString()).port(0).marketDataPort(0).adminPort(0)).start();
        driveOneSession(node.port());
        final int prometheusPort = freePort();
        Files.copy(DEPLOY.resolve("arbiter-alerts.yml"), temp.resolve("arbiter-alerts.yml"));
        final Path config = temp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 1s",
            "rule_files: [arbiter-alerts.yml]",
            "scrape_configs:",
            "  - job_name: arbiter",
            "    static_configs:",
            "      - targets: ['127.0.0.1:" + node.adminPort() + "']",
            ""));
        final Process prometheus = new ProcessBuilder("prometheus",
            "--config.file=" + config,
            "--storage.tsdb.path=" + Files.createDirectory(temp.resolve("data")),
            "--web.listen-address=127.0.0.1:" + prometheusPort)
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("prometheus.log").toFile())
            .start();
        try
        {
            final String accepted = queryUntilPresent(prometheusPort, "arbiter_orders_accepted_total", prometheus);
            assertTrue(accepted.contains("\"job\":\"arbiter\""), accepted);
            assertTrue(accepted.matches("(?s).*\"value\":\\[[0-9.]+,\"1\"\\].*"), accepted);
            final String unknown = queryUntilPresent(prometheusPort,
                "arbiter_orders_rejected_total{reason=\"unknown_client_order_id\"}", prometheus);
            assertTrue(unknown.contains("\"1\"]"), unknown);
            final String total = queryUntilPresent(prometheusPort,
                "arbiter_stage_latency_seconds_count{stage=\"total\"}", prometheus);
            assertTrue(total.contains("\"2\"]"), total);
            final String sessions = queryUntilPresent(prometheusPort, "arbiter_sessions_active", prometheus);
            assertTrue(sessions.contains("\"0\"]"), sessions);
            final String up = queryUntilPresent(prometheusPort, "up{job=\"arbiter\"}", prometheus);
            assertTrue(up.contains("\"1\"]"), up);
        }
        finally
        {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS))
            {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            node.close();
        }
    }

    /**
     * A real session over loopback (plain socket, protobuf-java classes): one accepted order, one rejected cancel.
     */
    private static void driveOneSession(final int port) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            ClientMessage.newBuilder().setLogon(Logon.newBuilder().setAccount("demo1")
                .setSecret(ByteString.copyFromUtf8("demo1-secret")).setProtocolVersion(1)).build()
                .writeDelimitedTo(out);
            assertTrue(nextNonHeartbeat(in).hasLogonAck());
            ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder().setClientOrderId(1).setSymbol("BTC-USD")
                .setSide(Side.BUY).setType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setPrice(100L * 100_000_000L).setQuantity(1)).build().writeDelimitedTo(out);
            assertTrue(nextNonHeartbeat(in).hasAccepted());
            ClientMessage.newBuilder().setCancel(Cancel.newBuilder().setClientOrderId(2)).build().writeDelimitedTo(out);
            assertTrue(nextNonHeartbeat(in).hasRejected());
        }
    }

    private static ServerMessage nextNonHeartbeat(final InputStream in) throws IOException
    {
        ServerMessage message;
        do
        {
            message = ServerMessage.parseDelimitedFrom(in);
        }
        while (message != null && message.hasHeartbeat());
        return message;
    }

    private static String queryUntilPresent(final int port, final String query, final Process prometheus)
        throws IOException, InterruptedException
    {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" +
            URLEncoder.encode(query, StandardCharsets.UTF_8));
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadlineNs)
        {
            assertTrue(prometheus.isAlive(), () -> "prometheus exited: " + prometheus.exitValue());
            try
            {
                last = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                if (last.contains("\"result\":[{"))
                {
                    return last;
                }
            }
            catch (final IOException notYetListening)
            {
                last = notYetListening.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus never returned " + query + "; last answer: " + last);
    }

    private static void ensurePrometheusInstalled() throws IOException, InterruptedException
    {
        if (onPath("promtool") && onPath("prometheus"))
        {
            return;
        }
        Assumptions.assumeTrue(onPath("apt-get"),
            "promtool/prometheus missing and apt-get unavailable: cannot install Debian's prometheus package");
        assertEquals(0, run(List.of("apt-get", "update")));
        assertEquals(0, run(List.of("apt-get", "install", "-y", "--no-install-recommends", "prometheus")));
    }

    private static boolean onPath(final String command)
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            if (Files.isExecutable(Paths.get(dir, command)))
            {
                return true;
            }
        }
        return false;
    }

    private static int run(final List<String> command) throws IOException, InterruptedException
    {
        final ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return builder.start().waitFor();
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
