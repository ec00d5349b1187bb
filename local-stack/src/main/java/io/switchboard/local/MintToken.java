package io.switchboard.local;

import java.util.Set;

import io.switchboard.local.demo.LocalTokens;

/**
 * Prints a bearer token for the running local stack, signed with its key pair ({@code .local/jwt}, made on the
 * stack's first start): {@code ./mvnw -q -pl local-stack -am compile exec:java@mint -Drole=admin [-Dsubject=ava]}.
 * The subject is the agent id for role {@code agent}; it defaults to {@code <role>-local}.
 */
public final class MintToken {

    static final Set<String> ROLES = Set.of("agent", "supervisor", "admin", "integration");

    private MintToken() {
    }

    public static void main(String[] args) throws Exception {
        String role = args.length > 0 ? given(args[0]) : null;
        if (role == null || !ROLES.contains(role)) {
            System.err.println("usage: MintToken <role> [subject]   (-Drole=... [-Dsubject=...] with exec:java@mint); "
                    + "roles: agent, supervisor, admin, integration");
            System.exit(2);
        }
        String subject = args.length > 1 && given(args[1]) != null ? args[1] : role + "-local";
        LocalTokens tokens = LocalTokens.in(LocalStack.checkout().resolve(".local").resolve("jwt"));
        System.out.println(tokens.mint(subject, role));
    }

    // Maven passes an unset -Dname on as the literal ${name}.
    private static String given(String arg) {
        return arg == null || arg.isBlank() || arg.startsWith("${") ? null : arg.trim();
    }
}
