package io.switchboard.testing.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Bearer tokens as the services' tests and dev mode expect them: signed with the dev/test key pair under
 * {@code switchboard-dev-keys} (on the classpath of every test), issuer {@link #ISSUER}, audience {@link #AUDIENCE},
 * roles in {@code groups}. That key is public in this repository: nothing in production may trust it.
 * <p>
 * The services' test profile trusts the public half ({@code %test.mp.jwt.verify.publickey.location=
 * switchboard-dev-keys/publicKey.pem}); role names are messaging's {@code Roles}, kept as plain strings here because
 * test-support is built before messaging.
 */
public final class TestTokens {

    public static final String ISSUER = "https://switchboard.local/dev";
    public static final String AUDIENCE = "switchboard";
    public static final String PUBLIC_KEY = "switchboard-dev-keys/publicKey.pem";

    private static final PrivateKey KEY = loadKey();

    private TestTokens() {
    }

    /** The claims of a valid token for {@code subject} with {@code roles}, to change before {@link #sign}. */
    public static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1));
    }

    /** Signs with the dev/test private key. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.sign(KEY);
    }

    /** A valid token for {@code subject} with the given roles, for an hour. */
    public static String mint(String subject, String... roles) {
        return sign(claims(subject, roles));
    }

    /** A token whose only role is {@code role}; its subject is the role's name plus {@code -1}. */
    public static String forRole(String role) {
        return mint(role + "-1", role);
    }

    public static String agent(String agentId) {
        return mint(agentId, "agent");
    }

    public static String supervisor() {
        return forRole("supervisor");
    }

    public static String admin() {
        return forRole("admin");
    }

    public static String integration() {
        return forRole("integration");
    }

    private static PrivateKey loadKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/switchboard-dev-keys/privateKey.pem")) {
            if (in == null) {
                throw new IllegalStateException("switchboard-dev-keys/privateKey.pem is not on the classpath");
            }
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the dev private key", e);
        }
    }
}
