package io.arbiter.server.gateway;

import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.AdminHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin port: read-only endpoints are open, {@code POST /admin/snapshot} needs the configured bearer token and is
 * refused with 403 when none is configured.
 */
@Tag("slow")
class AdminAccessSystemTest
{
    private ArbiterNode node;
    @TempDir
    Path dataDir;

    private void start(final ServerContext context) throws InterruptedException
    {
        context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256);
        node = new ArbiterNode(context.port(0).marketDataPort(0).adminPort(0).dataDir(dataDir.toString())).start();
    }

    @AfterEach
    void tearDown()
    {
        if (node != null)
        {
            node.close();
        }
    }

    @Test
    void shouldRefuseMutatingEndpointsWithoutAConfiguredToken() throws Exception
    {
        start(new ServerConfigLoader().loadDefaults());

        assertEquals(403, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST"));
        assertEquals(403, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST", "Bearer "));
        assertEquals(403, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST", AdminHttp.BEARER));
        assertTrue(errorBody(node.adminPort(), "/admin/snapshot", null).contains("set admin.token"));
        assertEquals(200, AdminHttp.status(node.adminPort(), "/health"));
        assertEquals(200, AdminHttp.status(node.adminPort(), "/ready"));
        assertEquals(200, AdminHttp.status(node.adminPort(), "/admin/state"));
        assertFalse(snapshotWritten(), "no snapshot before shutdown");
    }

    @Test
    void shouldTakeASnapshotOnlyWithTheConfiguredToken() throws Exception
    {
        start(new ServerConfigLoader().loadDefaults().adminToken(AdminHttp.TOKEN));

        assertEquals(401, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST"));
        assertEquals(401, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST", "Bearer wrong"));
        assertEquals(401, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST", AdminHttp.TOKEN));
        assertFalse(snapshotWritten(), "refused requests took no snapshot");
        assertEquals(200, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST", AdminHttp.BEARER));
        assertTrue(snapshotWritten());
        assertEquals(200, AdminHttp.status(node.adminPort(), "/health"));
    }

    private boolean snapshotWritten() throws IOException
    {
        try (var files = Files.list(dataDir))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".snap"));
        }
    }

    private static String errorBody(final int port, final String path, final String authorization)
        throws IOException
    {
        final HttpURLConnection connection =
            (HttpURLConnection)new URL("http://127.0.0.1:" + port + path).openConnection();
        connection.setRequestMethod("POST");
        if (authorization != null)
        {
            connection.setRequestProperty("Authorization", authorization);
        }
        try
        {
            connection.getResponseCode();
            try (InputStream in = connection.getErrorStream())
            {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        finally
        {
            connection.disconnect();
        }
    }
}
