package io.arbiter.app.demo;

import io.arbiter.app.ArbiterMain;
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

/**
 * {@code arbiter demo} end to end (a short run): it funds its accounts so that no order is rejected for insufficient
 * funds, prints the top of the book as its feed subscribers saw it, the fees collected and the balances, and its HTML
 * report has the depth chart of the final book and the trade to subscriber latency.
 */
@Tag("slow")
class DemoCommandSystemTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheTopOfBookAndChartTheFinalBookAndTheMarketDataLatency() throws Exception
    {
        final Path report = dir.resolve("demo.html");
        final Path json = dir.resolve("demo.json");
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final int exit;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            System.setOut(capture);
            exit = ArbiterMain.commandLine().execute("demo", "--duration", "2s", "--warmup", "1s", "--rate", "500",
                "--connections", "4", "--md-subscribers", "2", "--report", report.toString(), "--json",
                json.toString());
        }
        finally
        {
            System.setOut(stdout);
        }
        final String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(CommandLine.ExitCode.OK, exit, out);
        assertTrue(out.matches("(?s).*top of book BTC-USDT: bid [0-9.]+ x [0-9]+, ask [0-9.]+ x [0-9]+.*"), out);
        assertTrue(out.contains("accounts funded before the run     4"), out);
        assertTrue(out.contains("rejected for insufficient funds    0\n"), "funded accounts: " + out);
        assertTrue(out.matches("(?s).*fees collected \\(account FEES, less rebates\\):\n  0 BTC\n  (?!0 )[0-9.]+ " +
            "USDT\n.*"), "a taker fee of 5 bp and a maker fee of 1 bp on the demo's trades: " + out);
        assertTrue(out.matches("(?s).*\n  loadgen4   USDT +[0-9.]+ +[0-9.]+\n.*"), "balance summary: " + out);
        assertTrue(out.contains("trade to subscriber"), out);
        assertTrue(out.matches("(?s).*\noverload protection over the whole run \\(warm-up included\\): LEAKY_ONLY " +
            "entered [0-9]+ times, circuit breaker opened [0-9]+ times\n.*"), "the overload modes: " + out);
        assertTrue(out.matches("(?s).*\nJVM in the measured period \\(node and load generator share it\\): JIT " +
            "compiling [0-9]+ ms \\([0-9.]+% of [0-9.]+ s\\), GC [0-9]+ collections [0-9]+ ms.*"), out);
        final String html = Files.readString(report);
        assertTrue(html.contains("<h2>Final book</h2>") && html.contains("cumulative quantity"), "depth chart");
        assertTrue(html.contains("trade to subscriber"), "market-data latency curve");
        assertTrue(Files.readString(json).contains("\"final_book\""));
        assertTrue(Files.readString(json).matches("(?s).*\"overload\": \\{\\s*\"leaky_only_entered\": [0-9]+,.*"),
            "the overload modes in the JSON");
    }
}
