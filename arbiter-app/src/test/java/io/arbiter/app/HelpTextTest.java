package io.arbiter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders: picocli formats each description with {@code String.format}, so a stray
 * {@code %} makes it print a warning to stderr and show the raw text.
 */
class HelpTextTest
{
    @Test
    void shouldRenderTheHelpOfEveryCommandWithoutAFormatWarning()
    {
        final List<CommandLine> commands = new ArrayList<>();
        collect(ArbiterMain.commandLine(), commands);
        assertTrue(commands.size() > 10, "found " + commands.size() + " commands");
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            for (final CommandLine command : commands)
            {
                assertTrue(command.getUsageMessage().contains("Usage:"), command.getCommandName());
            }
        }
        finally
        {
            System.setErr(stderr);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    private static void collect(final CommandLine command, final List<CommandLine> into)
    {
        into.add(command);
        for (final CommandLine sub : command.getSubcommands().values())
        {
            if (!into.contains(sub))
            {
                collect(sub, into);
            }
        }
    }
}
