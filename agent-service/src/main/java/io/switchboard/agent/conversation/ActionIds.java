package io.switchboard.agent.conversation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The event id of an agent's action, derived from the agent and the request's Idempotency-Key. A key is the agent's
 * own: another agent sending the same key (or this id as its key) gets another id, so nobody can pre-claim the id of
 * someone else's action. SHA-256 over the length-prefixed agent id and the key, in UUID form (version 8): fixed
 * length whatever the inputs, and two different (agent, key) pairs never meet.
 */
public final class ActionIds {

    private ActionIds() {
    }

    public static String eventId(String agentId, String idempotencyKey) {
        byte[] agent = agentId.getBytes(StandardCharsets.UTF_8);
        byte[] key = idempotencyKey.getBytes(StandardCharsets.UTF_8);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        sha256.update(ByteBuffer.allocate(4).putInt(agent.length).array());
        sha256.update(agent);
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(key));
        long high = (hash.getLong() & ~0xF000L) | 0x8000L;
        long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
