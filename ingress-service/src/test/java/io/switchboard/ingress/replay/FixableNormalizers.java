package io.switchboard.ingress.replay;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Normalizers;

/**
 * The standard normalizers with a bug one can fix: the custom source normalizer throws for a message whose text
 * says {@code needs the fix} until {@link #fixed} is set (the fix being deployed), and always for {@code still
 * broken}. Only {@link ReplayTest}'s profile enables it.
 */
@Alternative
@ApplicationScoped
public class FixableNormalizers extends Normalizers {

    static volatile boolean fixed;

    public FixableNormalizers() {
        super(withBug());
    }

    private static Map<String, ChannelNormalizer> withBug() {
        Map<String, ChannelNormalizer> normalizers = new HashMap<>(Normalizers.standard());
        ChannelNormalizer custom = normalizers.get("custom");
        normalizers.put("custom", (body, context) -> {
            String text = body.toString();
            if (text.contains("still broken") || (!fixed && text.contains("needs the fix"))) {
                throw new IllegalStateException("a normalizer bug");
            }
            return custom.normalize(body, context);
        });
        return normalizers;
    }
}
