package io.arbiter.server.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed {@code arbiter-default.properties} and docs/configuration.md are exactly what the settings table
 * makes. After changing the table, regenerate both with
 * {@code mvn -B -q -o -pl arbiter-server -am test -Dtest=SettingsDocumentsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Darbiter.settings.write=true}.
 */
class SettingsDocumentsTest
{
    private static final Path DEFAULTS_FILE = Path.of("src/main/resources/arbiter-default.properties");
    private static final Path CONFIGURATION_DOC = Path.of("../docs/configuration.md");
    private static final boolean WRITE = Boolean.getBoolean("arbiter.settings.write");

    @Test
    void shouldCommitTheDefaultsFileTheTableMakes() throws IOException
    {
        final String expected = SettingsDocuments.defaultsFile();
        if (WRITE)
        {
            Files.writeString(DEFAULTS_FILE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(DEFAULTS_FILE, StandardCharsets.UTF_8),
            "arbiter-default.properties differs from the settings table; regenerate it (see this test's Javadoc)");
    }

    @Test
    void shouldEmbedEveryKeyWithItsDefaultAndDescription() throws IOException
    {
        final Properties embedded = new Properties();
        final List<String> lines;
        try (InputStream in = ServerConfigLoader.class.getResourceAsStream(ServerConfigLoader.DEFAULT_RESOURCE))
        {
            assertNotNull(in, "embedded defaults on the classpath");
            final byte[] bytes = in.readAllBytes();
            embedded.load(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
        final List<String> scalarKeys = new ArrayList<>();
        for (final String key : embedded.stringPropertyNames())
        {
            if (!key.startsWith("instrument.") && !key.startsWith("account."))
            {
                scalarKeys.add(key);
                assertNotNull(ServerSettings.find(key), "key in the file but not in the table: " + key);
            }
        }
        assertEquals(ServerSettings.all().size(), scalarKeys.size(), "same number of keys in file and table");
        for (final Setting<?> setting : ServerSettings.all())
        {
            assertEquals(setting.defaultText(), embedded.getProperty(setting.key()), setting.key());
            final int at = lines.indexOf(setting.key() + "=" + setting.defaultText());
            final StringBuilder comment = new StringBuilder();
            for (int i = at - 1; i >= 0 && lines.get(i).startsWith("# ") && !lines.get(i).startsWith("# ---"); i--)
            {
                comment.insert(0, lines.get(i).substring(2) + " ");
            }
            assertTrue(comment.toString().startsWith(setting.description()),
                setting.key() + " comment '" + comment + "' starts with its description");
        }
    }

    @Test
    void shouldCommitTheSettingsTableOfTheConfigurationDoc() throws IOException
    {
        final String document = Files.readString(CONFIGURATION_DOC, StandardCharsets.UTF_8);
        final String expected = SettingsDocuments.withCurrentTable(document);
        if (WRITE)
        {
            Files.writeString(CONFIGURATION_DOC, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(CONFIGURATION_DOC, StandardCharsets.UTF_8),
            "docs/configuration.md's settings table differs from the table; regenerate it (see this test's Javadoc)");
        for (final Setting<?> setting : ServerSettings.all())
        {
            assertTrue(expected.contains("| `" + setting.key() + "` |"), setting.key());
        }
    }
}
