package io.arbiter.app.admin;

import io.arbiter.app.ArbiterMain;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.AdminHttp;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code arbiter admin} against a running node: an instrument defined at run time (not in the configuration) trades
 * through the gateway, funds, fees, limits, halt and the kill switch apply, and after a restart (from the shutdown
 * snapshot, or by replaying the whole journal) the instrument, balances, halt and disabled account are all back.
 */
@Tag("slow")
class AdminCommandSystemTest
{
    private static final String XBT = "XBT-EUR";

    @TempDir
    Path dataDir;

    private ArbiterNode node;
    private String out;
    private String err;

    private void start() throws InterruptedException
    {
        node = new ArbiterNode(new ServerConfigLoader().loadDefaults()
            .ringSize(1024).orderPoolSize(1024).levelPoolSize(256)
            // the test's clients send no heartbeats while the admin commands run (each a JVM-internal HTTP call)
            .idleTimeoutMs(600_000)
            .port(0).marketDataPort(0).adminPort(0).adminToken(AdminHttp.TOKEN).dataDir(dataDir.toString())).start();
    }

    @AfterEach
    void tearDown()
    {
        if (node != null)
        {
            node.close();
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }

    private int admin(final String... args)
    {
        final List<String> line = new ArrayList<>(List.of("admin"));
        line.addAll(Arrays.asList(args));
        line.addAll(List.of("--port", String.valueOf(node.adminPort()), "--token", AdminHttp.TOKEN));
        final StringWriter stdout = new StringWriter();
        final StringWriter stderr = new StringWriter();
        final CommandLine commandLine = ArbiterMain.commandLine();
        commandLine.setOut(new PrintWriter(stdout));
        commandLine.setErr(new PrintWriter(stderr));
        final int exit = commandLine.execute(line.toArray(new String[0]));
        out = stdout.toString();
        err = stderr.toString();
        return exit;
    }

    /**
     * @param fromJournal false: restart from the snapshot written at shutdown; true: delete the snapshots so the
     *                    restart replays the whole journal.
     */
    @ParameterizedTest(name = "replay the whole journal: {0}")
    @ValueSource(booleans = {false, true})
    void shouldApplyOperatorCommandsAndKeepThemAcrossARestart(final boolean fromJournal) throws Exception
    {
        start();
        assertEquals(0, admin("instrument", "add", XBT, "--tick", "0.5", "--lot", "1", "--base", "XBT",
            "--quote", "EUR"), err);
        assertTrue(out.contains("\"result\":\"DEFINED\""), out);
        assertEquals(AdminConnection.EXIT_REFUSED, admin("instrument", "add", XBT, "--tick", "0.5", "--lot", "1"));
        assertTrue(err.contains("409") && err.contains("already defined"), err);
        assertEquals(0, admin("deposit", "demo1", "EUR", "1000"), err);
        assertEquals(0, admin("deposit", "demo2", "XBT", "5"), err);
        assertEquals(0, admin("fees", XBT, "-1", "5"), err);
        assertEquals(0, admin("limits", XBT, "100", "0"), err);
        assertEquals(AdminConnection.EXIT_REFUSED, admin("withdraw", "demo1", "EUR", "100000"));
        assertTrue(err.contains("WITHDRAW_REJECTED") && err.contains("INSUFFICIENT_FUNDS"), err);
        assertEquals(AdminConnection.EXIT_REFUSED, admin("deposit", "nobody", "EUR", "1"));
        assertEquals(AdminConnection.EXIT_REFUSED, admin("instrument", "band", XBT, "100.5"));
        assertEquals(AdminConnection.EXIT_REFUSED, admin("fees", "BTC-USD", "1", "5"));

        try (TestClient seller = new TestClient(node.port()); TestClient buyer = new TestClient(node.port()))
        {
            assertTrue(seller.logon("demo2", "demo2-secret").hasLogonAck());
            assertTrue(buyer.logon("demo1", "demo1-secret").hasLogonAck());
            seller.send(limit(1, XBT, Side.SELL, TimeInForce.GTC, 100 * UNIT, 2));
            assertTrue(next(seller, ServerMessage::hasAccepted).hasAccepted(), "a runtime instrument trades at once");
            buyer.send(limit(1, XBT, Side.BUY, TimeInForce.IOC, 100 * UNIT, 1));
            assertTrue(next(buyer, ServerMessage::hasAccepted).hasAccepted());
            assertEquals(1, next(buyer, ServerMessage::hasFill).getFill().getQuantity());
            assertEquals(1, next(seller, ServerMessage::hasFill).getFill().getQuantity());

            assertEquals(0, admin("disable", "demo2"), err);
            assertTrue(out.contains("\"canceled\":1"), out);
            assertTrue(next(seller, ServerMessage::hasCanceled).hasCanceled());
            assertEquals(0, admin("instrument", "halt", XBT), err);
            buyer.send(limit(2, XBT, Side.BUY, TimeInForce.GTC, 90 * UNIT, 1));
            final ServerMessage rejected = next(buyer, m -> m.hasRejected() || m.hasAccepted());
            assertTrue(rejected.hasRejected(), "halted: " + rejected + " after " + out);
        }
        assertEquals(0, admin("account", "demo1"), err);
        final String account = out;
        // 1 XBT bought at 100 EUR plus the 5 bps taker fee
        assertTrue(account.contains("\"EUR\":{\"available\":\"899.95\",\"held\":\"0\"}"), account);
        assertTrue(account.contains("\"XBT\":{\"available\":\"1\",\"held\":\"0\"}"), account);
        final String state = withoutSnapshotSequence(AdminHttp.body(node.adminPort(), "/admin/state"));
        node.close();
        if (fromJournal)
        {
            deleteSnapshots();
        }

        start();
        assertEquals(state, withoutSnapshotSequence(AdminHttp.body(node.adminPort(), "/admin/state")));
        assertEquals(0, admin("account", "demo1"), err);
        assertEquals(account, out);
        assertEquals(0, admin("account", "demo2"), err);
        assertTrue(out.contains("\"disabled\":true"), out);
        try (TestClient buyer = new TestClient(node.port()))
        {
            assertTrue(buyer.logon("demo1", "demo1-secret").hasLogonAck());
            buyer.send(limit(3, XBT, Side.BUY, TimeInForce.GTC, 90 * UNIT, 1));
            final ServerMessage halted = next(buyer, m -> m.hasRejected() || m.hasAccepted());
            assertTrue(halted.hasRejected(), "still halted after the restart: " + halted);
            assertEquals(0, admin("instrument", "resume", XBT), err);
            buyer.send(limit(4, XBT, Side.BUY, TimeInForce.GTC, 90 * UNIT, 1));
            assertTrue(next(buyer, m -> m.hasRejected() || m.hasAccepted()).hasAccepted(),
                "the runtime instrument is known after the restart");
        }
        assertFalse(new ServerConfigLoader().loadDefaults().instruments().stream()
            .anyMatch(instrument -> instrument.symbol().equals(XBT)), "the instrument is not in the configuration");
    }

    /**
     * The next message the predicate accepts, skipping others (balance updates) in between.
     */
    private static ServerMessage next(final TestClient client, final Predicate<ServerMessage> wanted)
        throws IOException
    {
        ServerMessage message = client.receiveNonHeartbeat();
        for (int skipped = 0; !wanted.test(message) && skipped < 16; skipped++)
        {
            message = client.receiveNonHeartbeat();
        }
        return message;
    }

    private void deleteSnapshots() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir))
        {
            for (final Path file : files.filter(f -> f.getFileName().toString().endsWith(".snap")).toList())
            {
                Files.delete(file);
            }
        }
    }

    private static String withoutSnapshotSequence(final String state)
    {
        return state.replaceAll("\"lastSnapshotSequence\":\\d+,", "");
    }
}
