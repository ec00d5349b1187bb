package io.switchboard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Mints bearer tokens signed with the dev/test key under {@code src/test/resources/dev-keys}: for tests, and for
 * local use (see README.md). That key is public in this repository and must never be trusted in production.
 * <p>
 * {@code ./mvnw -q -pl agent-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.switchboard.agent.Tokens -Dexec.args="alice agent"}
 */
public final class Tokens {

    public static final String ISSUER = "https://switchboard.local/dev";

    private static final PrivateKey KEY = loadKey();

    private Tokens() {
    }

    /** A token for {@code subject} with the given roles, valid for an hour. */
    public static String mint(String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1)).sign(KEY);
    }

    public static String agent(String agentId) {
        return mint(agentId, "agent");
    }

    public static String supervisor() {
        return mint("supervisor-1", "supervisor");
    }

    public static String admin() {
        return mint("admin-1", "admin");
    }

    /** Prints a token: {@code <subject> <role>[,<role>...]}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Tokens <subject> <role>[,<role>...]   roles: agent, supervisor, admin");
            System.exit(2);
        }
        System.out.println(mint(args[0], args[1].split(",")));
    }

    private static PrivateKey loadKey() {
        try (InputStream in = Tokens.class.getResourceAsStream("/dev-keys/privateKey.pem")) {
            if (in == null) {
                throw new IllegalStateException("dev-keys/privateKey.pem is not on the classpath");
            }
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the dev private key", e);
        }
    }
}
