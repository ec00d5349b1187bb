package io.switchboard.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** PostSample finds its samples inside the checkout (surefire sets {@code switchboard.checkout}), nowhere else. */
class PostSampleTest {

    private static final Path CHECKOUT = Path.of(System.getProperty("switchboard.checkout", ".."))
            .toAbsolutePath().normalize();

    @Test
    void aMetaSampleNameIsFoundAmongIngressServicesTestPayloads() throws IOException {
        Path file = PostSample.resolve("wa_01_text.json");

        assertEquals(CHECKOUT.resolve("ingress-service/src/test/resources/channels/meta/wa_01_text.json"), file);
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).startsWith(
                "{\"object\":\"whatsapp_business_account\""));
    }

    @Test
    void aCustomSourceSampleNameIsFoundInLocalStackSamples() throws IOException {
        assertEquals(CHECKOUT.resolve("local-stack/samples/custom_01_message.json"),
                PostSample.resolve("custom_01_message.json"));
    }

    @Test
    void everySampleDirectoryIsInTheCheckout() {
        for (String dir : PostSample.SAMPLE_DIRECTORIES) {
            assertTrue(Files.isDirectory(CHECKOUT.resolve(dir)), dir);
        }
    }

    @Test
    void anUnknownNameIsAClearError() {
        IOException error = assertThrows(IOException.class, () -> PostSample.resolve("no_such_sample.json"));

        assertTrue(error.getMessage().contains("no_such_sample.json"), error.getMessage());
        assertTrue(error.getMessage().contains("local-stack/samples"), error.getMessage());
    }
}
