package io.arbiter.server.gateway;

import io.arbiter.server.config.ServerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.File;
import javax.net.ssl.SSLException;

/**
 * TLS of the order gateway ({@code tls.enabled}): one server {@link SslContext} of the JDK provider, built at start
 * from the PEM certificate chain ({@code tls.certificateFile}) and unencrypted PKCS#8 private key
 * ({@code tls.privateKeyFile}); each connection then gets its own {@code SslHandler} first in its pipeline, so a
 * client that does not speak TLS fails the handshake and is disconnected. Control plane; produces garbage.
 */
public final class GatewayTls
{
    private GatewayTls()
    {
    }

    /**
     * Build the server's TLS context, if TLS is on.
     *
     * @param context configuration.
     * @return the context, or null when {@code tls.enabled} is false.
     * @throws IllegalArgumentException if the certificate or key file is missing or cannot be read as PEM.
     */
    public static SslContext serverContext(final ServerContext context)
    {
        if (!context.tlsEnabled())
        {
            return null;
        }
        final File certificate = new File(context.tlsCertificateFile());
        final File key = new File(context.tlsPrivateKeyFile());
        if (!certificate.isFile() || !key.isFile())
        {
            throw new IllegalArgumentException("tls: no such file: " + (certificate.isFile() ? key : certificate));
        }
        try
        {
            return SslContextBuilder.forServer(certificate, key).sslProvider(SslProvider.JDK).build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("tls: cannot use certificate " + certificate + " and key " + key +
                " (PEM certificate chain and unencrypted PKCS#8 key expected): " + ex.getMessage(), ex);
        }
    }
}
