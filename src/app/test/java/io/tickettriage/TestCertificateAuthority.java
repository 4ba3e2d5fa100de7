package io.tickettriage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority made for one test with the JDK's keytool: its own root, a server certificate for
 * 127.0.0.1 signed by it, and a trust store that holds only the root, as a customer's own CA hands it out. Nothing
 * of it is in the JVM's default trust store, so only a client told about {@link #trustStore()} trusts the server.
 */
final class TestCertificateAuthority {

    static final String PASSWORD = "test-store-pass";

    private final Path serverStore;
    private final Path trustStore;

    private TestCertificateAuthority(Path serverStore, Path trustStore) {
        this.serverStore = serverStore;
        this.trustStore = trustStore;
    }

    /** Makes the root, the server's certificate and the trust store in {@code directory}. */
    static TestCertificateAuthority create(Path directory) throws IOException, InterruptedException {
        Path ca = directory.resolve("ca.p12");
        Path server = directory.resolve("server.p12");
        Path trust = directory.resolve("trust.p12");
        Path caCert = directory.resolve("ca.pem");
        Path request = directory.resolve("server.csr");
        Path serverCert = directory.resolve("server.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=ticket-triage test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caCert.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(),
                "-outfile", serverCert.toString(), "-validity", "2", "-ext", "SAN=ip:127.0.0.1",
                "-ext", "EKU=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore",
                server.toString());
        keytool("-importcert", "-alias", "server", "-file", serverCert.toString(), "-keystore", server.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12");
        return new TestCertificateAuthority(server, trust);
    }

    /** The trust store holding only this authority's root (PKCS12, password {@link #PASSWORD}). */
    Path trustStore() {
        return trustStore;
    }

    /** The server's key and certificate chain, for an HTTPS server. */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        return tls;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
