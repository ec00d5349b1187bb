package io.switchboard.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** LocalStack copies the contract's topic names (it cannot depend on events): the copy must be complete. */
class TopicListTest {

    private static final Pattern CONSTANT = Pattern.compile("public static final String \\w+ = \"([^\"]+)\";");

    @Test
    void everyTopicOfTheContractIsCreated() throws IOException {
        Path topics = Path.of(System.getProperty("switchboard.checkout", ".."))
                .resolve("events/src/main/java/io/switchboard/events/Topics.java");
        Set<String> contract = new TreeSet<>();
        Matcher constant = CONSTANT.matcher(Files.readString(topics));
        while (constant.find()) {
            contract.add(constant.group(1));
        }
        assertEquals(contract, new TreeSet<>(LocalStack.TOPICS),
                "LocalStack.TOPICS must list exactly the topics of " + topics);
    }
}
