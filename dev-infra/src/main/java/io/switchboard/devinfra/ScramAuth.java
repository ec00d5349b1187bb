package io.switchboard.devinfra;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A {@link KraftBroker} that authenticates and authorizes as production does (Strimzi: SCRAM-SHA-512 and simple
 * authorization): its client listener is SASL_PLAINTEXT with SCRAM-SHA-512 only, the StandardAuthorizer refuses
 * whatever no ACL allows ({@code allow.everyone.if.no.acl.found=false}), and {@code adminUser} is a super user
 * (created while the storage is formatted, so the broker's own inter-broker connection can log in). Other users and
 * their ACLs are created through that admin: {@link #createUser}, {@link #allow}.
 */
public record ScramAuth(String adminUser, String adminPassword) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String LISTENER = "SASL_PLAINTEXT";
    private static final int ITERATIONS = 4096;

    /** The broker properties that replace the plaintext client listener. */
    Map<String, String> brokerProperties(int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", LISTENER + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", LISTENER + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("listener.security.protocol.map", LISTENER + ":SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", LISTENER);
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", jaasConfig(adminUser, adminPassword));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        // The controller listener stays plaintext on loopback: the node's own broker half talks to it as ANONYMOUS.
        p.put("super.users", "User:" + adminUser + ";User:ANONYMOUS");
        return p;
    }

    /** What {@code kafka-storage format} adds so that the admin exists before the broker first starts. */
    List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + adminUser + ",password=" + adminPassword + "]");
    }

    /** A client's properties for {@code user}: address, SASL_PLAINTEXT, SCRAM-SHA-512 and the JAAS login. */
    public static Map<String, Object> clientProperties(String bootstrapServers, String user, String password) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, LISTENER);
        p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        return p;
    }

    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Creates (or changes the password of) a SCRAM-SHA-512 user; returns once the controller has it. */
    public static void createUser(Admin admin, String user, String password) throws InterruptedException {
        await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password))).all()::get);
    }

    /** Creates the ACLs; returns once the controller has them (the broker applies them a moment later). */
    public static void allow(Admin admin, Collection<AclBinding> acls) throws InterruptedException {
        await(admin.createAcls(acls).all()::get);
    }

    /** {@code operations} on a topic for {@code user}, by its literal name. */
    public static List<AclBinding> topic(String user, String topic, AclOperation... operations) {
        return bindings(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operations);
    }

    /** Joining and committing as a consumer group: Read (which implies Describe) on the group. */
    public static List<AclBinding> group(String user, String group) {
        return bindings(user, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.READ);
    }

    private static List<AclBinding> bindings(String user, ResourcePattern pattern, AclOperation... operations) {
        return Arrays.stream(operations).map(operation -> new AclBinding(pattern,
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW))).toList();
    }

    // The password stays out of logs and assertion messages.
    @Override
    public String toString() {
        return "ScramAuth[" + MECHANISM + ", super user " + adminUser + "]";
    }

    private interface Call {
        Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static void await(Call call) throws InterruptedException {
        try {
            call.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker refused or did not answer: " + e, e);
        }
    }
}
