package io.arbiter.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The test-only TLS files of this module (resources {@code io/arbiter/testsupport/tls}: a throw-away CA and a
 * certificate for {@code localhost} and {@code 127.0.0.1} with its committed private key), written to a directory so
 * that configuration keys can name them. Never use them outside tests. Any thread.
 */
public final class TestCertificates
{
    /** File name of the CA certificate (PEM) clients trust. */
    public static final String CA = "ca.pem";
    /** File name of the server's certificate chain (PEM). */
    public static final String SERVER_CERTIFICATE = "server.pem";
    /** File name of the server's unencrypted PKCS#8 private key (PEM). */
    public static final String SERVER_KEY = "server.key";

    private TestCertificates()
    {
    }

    /**
     * Copies the three files into a directory.
     *
     * @param directory to write {@link #CA}, {@link #SERVER_CERTIFICATE} and {@link #SERVER_KEY} into.
     * @return the directory.
     * @throws IOException if a file cannot be written.
     */
    public static Path writeTo(final Path directory) throws IOException
    {
        for (final String name : new String[]{ CA, SERVER_CERTIFICATE, SERVER_KEY })
        {
            try (InputStream in = TestCertificates.class.getResourceAsStream("tls/" + name))
            {
                if (in == null)
                {
                    throw new IOException("missing test resource tls/" + name);
                }
                Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return directory;
    }
}
