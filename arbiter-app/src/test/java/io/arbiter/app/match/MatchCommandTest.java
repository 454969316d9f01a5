package io.arbiter.app.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.arbiter.app.ArbiterMain;
import picocli.CommandLine;

class MatchCommandTest
{
    private static final Path EXAMPLES = findExamples();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static List<Path> examples() throws IOException
    {
        try (Stream<Path> files = Files.list(EXAMPLES))
        {
            return files.filter(p -> p.toString().endsWith(".csv")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldShipAnExpectedOutputForEveryExample() throws IOException
    {
        final List<Path> examples = examples();

        assertTrue(examples.size() >= 6, () -> "examples: " + examples);
        for (final Path example : examples)
        {
            assertTrue(Files.isRegularFile(expectedFor(example)), () -> "no expected output for " + example);
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldReproduceTheExpectedOutputOfEachExample(final Path example) throws IOException
    {
        final int exitCode = run("match", "--input", example.toString());

        assertEquals("", err.toString());
        assertEquals(Files.readString(expectedFor(example)), out.toString(), example::toString);
        assertEquals(0, exitCode);
    }

    static List<Path> bookUpdateExamples() throws IOException
    {
        return examples().stream().filter(p -> Files.isRegularFile(bookUpdatesExpectedFor(p))).collect(
            Collectors.toList());
    }

    @Test
    void shouldShipAtLeastOneBookUpdatesExample() throws IOException
    {
        assertFalse(bookUpdateExamples().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("bookUpdateExamples")
    void shouldReproduceTheExpectedBookUpdatesOfAnExample(final Path example) throws IOException
    {
        final int exitCode = run("match", "--book-updates", "--input", example.toString());

        assertEquals("", err.toString());
        assertEquals(Files.readString(bookUpdatesExpectedFor(example)), out.toString(), example::toString);
        assertEquals(0, exitCode);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldPrintTheSameLinesWithBookUpdatesPlusOnlyLevelLines(final Path example) throws IOException
    {
        run("match", "--input", example.toString());
        final String without = out.toString();
        out.getBuffer().setLength(0);

        final int exitCode = run("match", "--book-updates", "--input", example.toString());

        assertEquals(0, exitCode, err::toString);
        final String withoutLevels = out.toString().lines().filter(l -> !l.startsWith("LEVEL,"))
            .map(l -> l + "\n").collect(Collectors.joining());
        assertEquals(without, withoutLevels);
    }

    static List<Path> balancesExamples() throws IOException
    {
        return examples().stream().filter(p -> Files.isRegularFile(balancesExpectedFor(p))).collect(
            Collectors.toList());
    }

    @Test
    void shouldShipAtLeastOneBalancesExample() throws IOException
    {
        assertFalse(balancesExamples().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("balancesExamples")
    void shouldReproduceTheExpectedBalancesOfAnExample(final Path example) throws IOException
    {
        final int exitCode = run("match", "--balances", "--input", example.toString());

        assertEquals("", err.toString());
        assertEquals(Files.readString(balancesExpectedFor(example)), out.toString(), example::toString);
        assertEquals(0, exitCode);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldPrintTheSameLinesWithBalancesPlusOnlyBalanceLines(final Path example) throws IOException
    {
        run("match", "--input", example.toString());
        final String without = out.toString();
        out.getBuffer().setLength(0);

        final int exitCode = run("match", "--balances", "--book-updates", "--input", example.toString());

        assertEquals(0, exitCode, err::toString);
        final String withoutBalances = out.toString().lines()
            .filter(l -> !l.startsWith("BALANCE,") && !l.startsWith("LEVEL,"))
            .map(l -> l + "\n").collect(Collectors.joining());
        assertEquals(without, withoutBalances);
    }

    private static Path balancesExpectedFor(final Path example)
    {
        final String name = example.getFileName().toString();
        return example.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".balances.expected");
    }

    private static Path bookUpdatesExpectedFor(final Path example)
    {
        final String name = example.getFileName().toString();
        return example.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".book-updates.expected");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldWriteTheSameEventsToAnOutputFile(final Path example) throws IOException
    {
        final Path output = dir.resolve("events.csv");

        final int exitCode = run("match", "-i", example.toString(), "-o", output.toString());

        assertEquals(0, exitCode, err::toString);
        assertEquals("", out.toString());
        assertEquals(Files.readString(expectedFor(example)), Files.readString(output));
    }

    @Test
    void shouldIgnoreCommentsBlankLinesAndSurroundingWhitespace() throws IOException
    {
        final Path plain = write("plain.csv",
            "INSTRUMENT,X,0.5,1",
            "NEW,1,a,X,SELL,LIMIT,GTC,2.5,3",
            "NEW,2,b,X,BUY,LIMIT,GTC,3,5");
        final Path decorated = write("decorated.csv",
            "# a comment",
            "",
            "   INSTRUMENT, X ,0.5,1   ",
            "\t",
            "  # NEW,9,a,X,SELL,LIMIT,GTC,2.5,3",
            "NEW,1,a,X,SELL,LIMIT,GTC,2.5,3\r",
            "\tNEW , 2 , b , X , BUY , LIMIT , GTC , 3 , 5 ");

        assertEquals(0, run("match", "--input", plain.toString()));
        final String expected = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, run("match", "--input", decorated.toString()));

        assertEquals("ACCEPTED,1\nACCEPTED,2\nTRADE,X,2.5,3,1,2\n", expected);
        assertEquals(expected, out.toString());
    }

    @Test
    void shouldStopAtAMalformedLineNamingItAndWriteNothingAfterTheEventsBeforeIt() throws IOException
    {
        final Path input = write("bad.csv",
            "INSTRUMENT,X,1,1",
            "NEW,1,a,X,SELL,LIMIT,GTC,10,3",
            "# comment",
            "",
            "NEW,2,b,X,BUY,LIMIT,GTC,10,1",
            "NEW,3,b,X,BUY,LIMIT,GTC,10,1,SOMETIMES",
            "NEW,4,b,X,BUY,LIMIT,GTC,10,1",
            "FOO");
        final Path output = dir.resolve("events.csv");

        final int exitCode = run("match", "--input", input.toString(), "--output", output.toString());

        assertEquals(1, exitCode);
        assertEquals("ACCEPTED,1\nACCEPTED,2\nTRADE,X,10,1,1,2\n", Files.readString(output));
        assertEquals("arbiter match: " + input + ": line 6: unknown self-trade prevention 'SOMETIMES' " +
            "(expected NONE, CANCEL_TAKER, CANCEL_MAKER or CANCEL_BOTH)" + System.lineSeparator(), err.toString());
    }

    @Test
    void shouldFlushEarlierEventsToStandardOutputBeforeReportingAMalformedLine() throws IOException
    {
        final Path input = write("bad.csv",
            "INSTRUMENT,X,1,1",
            "NEW,1,a,X,SELL,LIMIT,GTC,10,3",
            "CANCEL,1,a",
            "CANCEL,one,a",
            "CANCEL,2,a");

        final int exitCode = run("match", "--input", input.toString());

        assertEquals(1, exitCode);
        assertEquals("ACCEPTED,1\nCANCELED,1,3,USER\n", out.toString());
        assertTrue(err.toString().contains(": line 4: order_id 'one' is not a non-negative integer"), err::toString);
        assertFalse(err.toString().contains("Exception"), err::toString);
    }

    @Test
    void shouldRefuseADuplicateInstrumentAsAMalformedLine() throws IOException
    {
        final Path input = write("dup.csv", "INSTRUMENT,X,1,1", "INSTRUMENT,X,0.5,1");

        assertEquals(1, run("match", "--input", input.toString()));
        assertTrue(err.toString().contains(": line 2: instrument 'X' is already defined"), err::toString);
    }

    @Test
    void shouldReadStandardInputForADash()
    {
        final InputStream stdin = System.in;
        try
        {
            System.setIn(new ByteArrayInputStream(
                "INSTRUMENT,X,1,1\nNEW,7,a,X,BUY,LIMIT,FOK,5,2\n".getBytes(StandardCharsets.UTF_8)));

            assertEquals(0, run("match", "--input", "-"));
        }
        finally
        {
            System.setIn(stdin);
        }
        assertEquals("ACCEPTED,7\nCANCELED,7,2,FOK\n", out.toString());
    }

    @Test
    void shouldNameStandardInputInErrors()
    {
        final InputStream stdin = System.in;
        try
        {
            System.setIn(new ByteArrayInputStream("SELL,1\n".getBytes(StandardCharsets.UTF_8)));

            assertEquals(1, run("match", "--input", "-"));
        }
        finally
        {
            System.setIn(stdin);
        }
        assertTrue(err.toString().startsWith("arbiter match: <stdin>: line 1: unknown command 'SELL'"), err::toString);
    }

    @Test
    void shouldFailWithoutAStackTraceWhenTheInputDoesNotExist()
    {
        final Path missing = dir.resolve("missing.csv");

        assertEquals(1, run("match", "--input", missing.toString()));
        assertEquals("arbiter match: no such file: " + missing + System.lineSeparator(), err.toString());
    }

    @Test
    void shouldRefuseToOverwriteTheInputWithTheOutput() throws IOException
    {
        final Path input = write("orders.csv", "INSTRUMENT,X,1,1", "NEW,1,a,X,BUY,LIMIT,GTC,1,1");

        assertEquals(1, run("match", "--input", input.toString(), "--output", input.toString()));
        assertEquals("arbiter match: the output file is the input file: " + input + System.lineSeparator(),
            err.toString());
        assertEquals("INSTRUMENT,X,1,1\nNEW,1,a,X,BUY,LIMIT,GTC,1,1\n", Files.readString(input));
    }

    @Test
    void shouldFailWithoutAStackTraceWhenTheInputIsADirectory()
    {
        assertEquals(1, run("match", "--input", dir.toString()));
        assertTrue(err.toString().startsWith("arbiter match: I/O error: "), err::toString);
        assertFalse(err.toString().contains("\tat "), err::toString);
    }

    @Test
    void shouldExitWithAUsageErrorWhenTheInputOptionIsMissing()
    {
        assertEquals(2, run("match"));
        assertTrue(err.toString().contains("Missing required option: '--input=FILE'"), err::toString);
    }

    @Test
    void shouldExitWithAUsageErrorForAnUnknownOption()
    {
        assertEquals(2, run("match", "--input", "x.csv", "--fast"));
        assertTrue(err.toString().contains("Unknown option: '--fast'"), err::toString);
    }

    @Test
    void shouldExitWithAUsageErrorForAnUnknownSubcommandOrNone()
    {
        assertEquals(2, run("matchmaker"));
        assertEquals(2, run());
        assertEquals(2, run("bench"));
        assertTrue(err.toString().contains("arbiter bench: missing subcommand"), err::toString);
    }

    @Test
    void shouldPrintHelpAndVersion()
    {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("match"), out::toString);
        assertTrue(out.toString().contains("bench"), out::toString);
        out.getBuffer().setLength(0);

        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("arbiter 0."), out::toString);
        out.getBuffer().setLength(0);

        assertEquals(0, run("match", "--help"));
        assertTrue(out.toString().contains("--input=FILE"), out::toString);
    }

    private int run(final String... args)
    {
        final CommandLine commandLine = ArbiterMain.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private Path write(final String name, final String... lines) throws IOException
    {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static Path expectedFor(final Path example)
    {
        final String name = example.getFileName().toString();
        return example.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".expected");
    }

    private static Path findExamples()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples")))
        {
            dir = dir.getParent();
        }
        if (dir == null)
        {
            throw new IllegalStateException("no examples directory above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("examples");
    }
}
