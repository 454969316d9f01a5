package io.arbiter.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import org.junit.jupiter.api.Test;

class AdminAuthorizerTest
{
    @Test
    void shouldRefuseEveryRequestWhenNoTokenIsConfigured()
    {
        for (final AdminAuthorizer authorizer : new AdminAuthorizer[]{ new AdminAuthorizer(null),
            new AdminAuthorizer("") })
        {
            assertFalse(authorizer.enabled());
            assertEquals(AdminAuthorizer.Decision.DISABLED, authorizer.check(null));
            assertEquals(AdminAuthorizer.Decision.DISABLED, authorizer.check("Bearer "));
            assertEquals(AdminAuthorizer.Decision.DISABLED, authorizer.check("Bearer anything"));
        }
        assertTrue(AdminAuthorizer.Decision.DISABLED.text().contains("admin.token"));
    }

    @Test
    void shouldAllowOnlyTheConfiguredBearerToken()
    {
        final AdminAuthorizer authorizer = new AdminAuthorizer("s3cret-token");

        assertTrue(authorizer.enabled());
        assertEquals(AdminAuthorizer.Decision.ALLOWED, authorizer.check("Bearer s3cret-token"));
        assertEquals(AdminAuthorizer.Decision.ALLOWED, authorizer.check("bearer s3cret-token"));
        assertEquals(AdminAuthorizer.Decision.UNAUTHORIZED, authorizer.check(null));
        assertEquals(AdminAuthorizer.Decision.UNAUTHORIZED, authorizer.check(""));
        assertEquals(AdminAuthorizer.Decision.UNAUTHORIZED, authorizer.check("s3cret-token"));
        assertEquals(AdminAuthorizer.Decision.UNAUTHORIZED, authorizer.check("Basic s3cret-token"));
        assertEquals(AdminAuthorizer.Decision.UNAUTHORIZED, authorizer.check("Bearer s3cret-tokeN"));
        assertEquals(AdminAuthorizer.Decision.UNAUTHORIZED, authorizer.check("Bearer s3cret-token2"));
        assertEquals(AdminAuthorizer.Decision.UNAUTHORIZED, authorizer.check("Bearer s3cret"));
        assertEquals(AdminAuthorizer.Decision.UNAUTHORIZED, authorizer.check("Bearer "));
    }

    @Test
    void shouldBindAdminToLoopbackAndRefuseMutationsByDefault()
    {
        final ServerContext defaults = new ServerConfigLoader().loadDefaults();

        assertEquals("127.0.0.1", defaults.adminBindAddress());
        assertEquals("", defaults.adminToken());
        assertEquals("127.0.0.1", new ServerContext().adminBindAddress());
        assertEquals("", new ServerContext().adminToken());
    }
}
