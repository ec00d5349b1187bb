package io.switchboard.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Topics;

class ContractTopicsTest {

    /** A channel's address in the AsyncAPI document: the contract's second statement of the topics. */
    private static final Pattern ADDRESS = Pattern.compile("(?m)^    address: (\\S+)$");

    @Test
    void allIsEveryTopicTheContractDocumentNamesEachOnce() throws IOException {
        List<String> documented = new ArrayList<>();
        Matcher address = ADDRESS.matcher(Files.readString(Path.of("..", "docs", "asyncapi.yaml")));
        while (address.find()) {
            documented.add(address.group(1));
        }
        assertThat(documented).isNotEmpty();
        assertThat(ContractTopics.all()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(documented)
                .contains(Topics.RAW_WEBHOOKS, Topics.AGENT_DEAD_LETTER);
    }
}
