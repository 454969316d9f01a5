package io.arbiter.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the documents made from the settings table: the embedded default configuration
 * ({@code arbiter-default.properties}) and the settings table of docs/configuration.md. Tests check that the
 * committed files equal what this class writes, so the table is the only place a setting is described. Stateless;
 * any thread; produces garbage.
 */
public final class SettingsDocuments
{
    /** Line that starts the generated part of docs/configuration.md. */
    public static final String TABLE_BEGIN = "<!-- settings table: generated from ServerSettings, do not edit -->";
    /** Line that ends the generated part of docs/configuration.md. */
    public static final String TABLE_END = "<!-- end of settings table -->";

    private static final int WIDTH = 118;

    private static final String HEADER = """
        # Arbiter node configuration: the embedded default ("arbiter server" without --config).
        # Generated from io.arbiter.server.config.ServerSettings (the settings table): edit the table, not this file,
        # and regenerate it as docs/configuration.md says. Format: Java properties (key=value, # comments). A --config
        # file is applied on top of this one: scalar keys override one by one; a file that defines any instrument.*
        # key replaces all instruments below, and one that defines any account.* key replaces all accounts below.
        # Command-line options override both.
        """;

    private static final String LISTS = """

        # --- instruments: instrument.<SYMBOL>=<tick size>,<lot size>[,<base>,<quote>[,<maker bps>,<taker bps>]] -------
        # With a base and a quote asset an instrument has spot risk: orders take holds on the accounts' balances, fills
        # settle and pay fees (docs/engine-semantics.md), e.g. instrument.BTC-USDT=0.01,1,BTC,USDT,-1,5 (maker rebate
        # 1 bp, taker fee 5 bp). Fees set here are journaled as a FEES command at start when they differ.
        instrument.BTC-USD=0.01,1
        instrument.ETH-USD=0.01,1
        instrument.SOL-USD=0.001,1

        # --- accounts: account.<name>.secret=<secret> [account.<name>.id=<engine account id>] -------------------------
        # Demo accounts with obvious secrets: never use these outside a demo.
        """;

    private SettingsDocuments()
    {
    }

    /**
     * @return the text of {@code arbiter-default.properties}: every setting with its description and allowed values
     *     as a comment and its default as the value, then the demo instruments and accounts.
     */
    public static String defaultsFile()
    {
        final StringBuilder out = new StringBuilder(HEADER);
        String section = "";
        for (final Setting<?> setting : ServerSettings.all())
        {
            final String prefix = setting.key().substring(0, setting.key().indexOf('.'));
            if (!prefix.equals(section))
            {
                section = prefix;
                out.append('\n').append(rule("# --- " + prefix + " ")).append('\n');
            }
            for (final String line : wrap(setting.description() + " Allowed: " + setting.type().allowed() + ".",
                WIDTH - 2))
            {
                out.append("# ").append(line).append('\n');
            }
            out.append(setting.key()).append('=').append(setting.defaultText()).append('\n');
        }
        out.append(LISTS);
        for (int i = 1; i <= 16; i++)
        {
            out.append("account.demo").append(i).append(".secret=demo").append(i).append("-secret\n");
            out.append("account.demo").append(i).append(".id=").append(i).append('\n');
        }
        for (int i = 1; i <= 4; i++)
        {
            out.append("account.loadgen").append(i).append(".secret=loadgen-secret\n");
            out.append("account.loadgen").append(i).append(".id=").append(100 + i).append('\n');
        }
        return out.toString();
    }

    /**
     * @return the generated part of docs/configuration.md: a Markdown table of every setting (key, command-line
     *     option, default, allowed values, meaning), between {@link #TABLE_BEGIN} and {@link #TABLE_END}.
     */
    public static String markdownTable()
    {
        final StringBuilder out = new StringBuilder(TABLE_BEGIN).append("\n\n");
        out.append("| key | option | default | allowed | meaning |\n");
        out.append("|---|---|---|---|---|\n");
        for (final Setting<?> setting : ServerSettings.all())
        {
            out.append("| `").append(setting.key()).append("` | `").append(setting.optionName()).append("` | ")
                .append(setting.defaultText().isEmpty() ? "(empty)" : "`" + setting.defaultText() + "`")
                .append(" | ").append(setting.type().allowed().replace("|", "\\|"))
                .append(" | ").append(setting.description().replace("|", "\\|")).append(" |\n");
        }
        return out.append('\n').append(TABLE_END).toString();
    }

    /**
     * Replace the generated part of a Markdown document.
     *
     * @param document the whole document, holding {@link #TABLE_BEGIN} and {@link #TABLE_END} once each.
     * @return the document with the part between them (inclusive) replaced by {@link #markdownTable()}.
     * @throws IllegalArgumentException if the markers are missing.
     */
    public static String withCurrentTable(final String document)
    {
        final int begin = document.indexOf(TABLE_BEGIN);
        final int end = document.indexOf(TABLE_END);
        if (begin < 0 || end < begin)
        {
            throw new IllegalArgumentException("document lacks the settings table markers");
        }
        return document.substring(0, begin) + markdownTable() + document.substring(end + TABLE_END.length());
    }

    private static String rule(final String start)
    {
        final StringBuilder line = new StringBuilder(start);
        while (line.length() < WIDTH)
        {
            line.append('-');
        }
        return line.toString();
    }

    private static List<String> wrap(final String text, final int width)
    {
        final List<String> lines = new ArrayList<>();
        final StringBuilder line = new StringBuilder();
        for (final String word : text.split(" "))
        {
            if (line.length() > 0 && line.length() + 1 + word.length() > width)
            {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0)
            {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0)
        {
            lines.add(line.toString());
        }
        return lines;
    }
}
