package io.tickettriage.sim.rtreal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A private {@code RT_SiteConfig.pm} for one RT instance, so that no system file is read or touched: RT commands and
 * the server get it through {@code RT_SITE_CONFIG}, with {@code RT_SITE_CONFIG_DIR} an empty directory (else the
 * package's own {@code /etc/request-tracker5/RT_SiteConfig.d} would set a web path of /rt and its own database).
 *
 * @param webBaseUrl where clients reach RT: REST2 builds every {@code _url} from it, so behind the tests' proxy it
 *                   is the proxy's address, as behind a customer's reverse proxy it is the public one
 * @param database   the SQLite file
 * @param masonData  where RT compiles its templates; instances of one JVM may share it
 */
record RtSiteConfig(URI webBaseUrl, Path database, Path masonData, Path sessions) {

    /**
     * RT's default cost of 12 makes every API call spend about 0.25 s on checking the token (bcrypt, once per token
     * of the user, measured 2026-12-07); the lowest cost keeps a test's hundreds of calls fast. It changes nothing
     * else RT does.
     */
    private static final int BCRYPT_COST = 4;

    /** Writes the configuration file and the empty directories RT expects; returns the environment RT runs with. */
    Map<String, String> write(Path directory) {
        Path file = directory.resolve("RT_SiteConfig.pm");
        Path siteConfigDir = directory.resolve("RT_SiteConfig.d");
        try {
            Files.createDirectories(siteConfigDir);
            Files.createDirectories(masonData);
            Files.createDirectories(sessions);
            Files.writeString(file, text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write RT's configuration in " + directory, e);
        }
        return Map.of("RT_SITE_CONFIG", file.toString(), "RT_SITE_CONFIG_DIR", siteConfigDir.toString());
    }

    private String text() {
        String origin = webBaseUrl.getScheme() + "://" + webBaseUrl.getAuthority();
        return String.join("\n",
                "Set($rtname, 'ticket-triage-test');",
                // The package's default web path is /rt; REST2 is then at <origin>/REST/2.0.
                "Set($WebPath, '');",
                "Set($WebDomain, " + quoted(webBaseUrl.getHost()) + ");",
                "Set($WebPort, " + webBaseUrl.getPort() + ");",
                "Set($WebBaseURL, " + quoted(origin) + ");",
                "Set($DatabaseType, 'SQLite');",
                "Set($DatabaseName, " + quoted(database.toString()) + ");",
                "Set($Timezone, 'UTC');",
                // Mail (the autoreply to a new ticket's requestor) goes to a temporary file, never out.
                "Set($MailCommand, 'testfile');",
                "Set(%GnuPG, Enable => 0);",
                "Set(%SMIME, Enable => 0);",
                "Set($DisableGD, 1);",
                "Set($BcryptCost, " + BCRYPT_COST + ");",
                "Set($MasonDataDir, " + quoted(masonData.toString()) + ");",
                "Set($MasonSessionDir, " + quoted(sessions.toString()) + ");",
                "Set($LogToSTDERR, 'warning');",
                "Set($LogToSyslog, undef);",
                "1;",
                "");
    }

    /** A Perl single-quoted string: only the backslash and the quote need escaping. */
    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
