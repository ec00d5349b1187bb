package io.switchboard.local.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The local stack's stand-in for the company's identity provider: an RSA key pair made on first start under
 * {@code .local/jwt}, whose public half every service trusts ({@code mp.jwt.verify.publickey.location}), and RS256
 * bearer tokens minted with the private half. Local only: a production deployment trusts its OIDC provider instead.
 */
public final class LocalTokens {

    public static final String ISSUER = "https://switchboard.local/dev";
    /** The audience every service expects by default (messaging's shared configuration). */
    public static final String AUDIENCE = "switchboard";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey privateKey;
    private final Path publicKeyPem;

    private LocalTokens(PrivateKey privateKey, Path publicKeyPem) {
        this.privateKey = privateKey;
        this.publicKeyPem = publicKeyPem;
    }

    /** The key pair in {@code dir}, made there first if missing. */
    public static LocalTokens in(Path dir) throws IOException, GeneralSecurityException {
        Path privatePem = dir.resolve("privateKey.pem");
        Path publicPem = dir.resolve("publicKey.pem");
        if (!Files.isRegularFile(privatePem) || !Files.isRegularFile(publicPem)) {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        String base64 = Files.readString(privatePem).replaceAll("-----[A-Z ]+-----|\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return new LocalTokens(key, publicPem);
    }

    /** What the services are given to verify tokens with. */
    public Path publicKeyPem() {
        return publicKeyPem;
    }

    /** A token for {@code subject} (the agent id for agents) with the given roles, valid for an hour. */
    public String mint(String subject, String... roles) {
        Instant now = Instant.now();
        ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("aud", AUDIENCE).put("sub", subject).put("upn", subject)
                .put("iat", now.getEpochSecond()).put("exp", now.plus(Duration.ofHours(1)).getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        List.of(roles).forEach(claims.putArray("groups")::add);
        try {
            String signingInput = base64Url(JSON.writeValueAsBytes(JSON.createObjectNode().put("alg", "RS256")
                    .put("typ", "JWT"))) + "." + base64Url(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
