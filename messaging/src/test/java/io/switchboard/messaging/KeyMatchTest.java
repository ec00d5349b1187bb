package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.ErasureRequested.Identity;
import io.switchboard.messaging.erasure.KeyMatch;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** An identity names the keys whose user part it is, on its channel or any: in Java and in PostgreSQL alike. */
class KeyMatchTest {

    private static final List<String> KEYS = List.of("wa:106540352242922:16505551234",
            "wa:113269274970227:16505551234", "fb:1049387362841023:16505551234", "wa:106540352242922:165055512345",
            "wa:106540352242922:6505551234", "custom:acme:user:16505551234", "custom:acme:16505551234",
            "ig:17841405726653026:psid-7", "wa:16505551234", "16505551234", "wa:16505551234:other",
            "tg:7000000001:16505551234", "tg:7000000001:-1001234567890",
            "sms:16505551366:16505551234", "sms:16505551234:16505559999");

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    @Test
    void anIdentityWithAChannelNamesOnlyThatChannelsKeysWithThatUser() {
        Identity phone = new Identity(Channel.WHATSAPP, "16505551234");
        assertThat(KEYS.stream().filter(phone::matches))
                .containsExactly("wa:106540352242922:16505551234", "wa:113269274970227:16505551234");
        assertThat(sqlMatches(List.of(phone))).containsExactlyElementsOf(
                KEYS.stream().filter(phone::matches).toList());
    }

    @Test
    void anIdentityWithoutAChannelNamesEveryChannelAndTheUserPartMayHoldColons() {
        Identity any = new Identity(null, "16505551234");
        Identity colon = new Identity(Channel.CUSTOM, "user:16505551234");
        assertThat(KEYS.stream().filter(any::matches)).containsExactly("wa:106540352242922:16505551234",
                "wa:113269274970227:16505551234", "fb:1049387362841023:16505551234", "custom:acme:16505551234",
                "tg:7000000001:16505551234", "sms:16505551366:16505551234");
        assertThat(KEYS.stream().filter(colon::matches)).containsExactly("custom:acme:user:16505551234");
        assertThat(KeyMatch.pairs(List.of(any, any))).hasSize(Channel.values().length);
        assertThat(sqlMatches(List.of(any, colon))).containsExactlyElementsOf(
                KEYS.stream().filter(key -> any.matches(key) || colon.matches(key)).toList());
    }

    @Test
    void aTelegramIdentityIsTheChatIdAndNamesOnlyTelegramKeys() {
        // A private chat's id is the user's id; a group chat (negative id) is named by the group's id only.
        Identity user = new Identity(Channel.TELEGRAM, "16505551234");
        Identity group = new Identity(Channel.TELEGRAM, "-1001234567890");
        assertThat(KEYS.stream().filter(user::matches)).containsExactly("tg:7000000001:16505551234");
        assertThat(KEYS.stream().filter(group::matches)).containsExactly("tg:7000000001:-1001234567890");
        assertThat(sqlMatches(List.of(user, group))).containsExactly("tg:7000000001:16505551234",
                "tg:7000000001:-1001234567890");
    }

    @Test
    void aPhoneNumberNamesTheCustomersSmsConversationsNotTheOnesOfABusinessNumberThatIsAlsoIt() {
        Identity sms = new Identity(Channel.SMS, "16505551234");
        Identity any = new Identity(null, "16505551234");
        // The customer's digits are the key's user part; a business number with the same digits is the account.
        assertThat(KEYS.stream().filter(sms::matches)).containsExactly("sms:16505551366:16505551234");
        assertThat(KEYS.stream().filter(any::matches)).contains("sms:16505551366:16505551234")
                .doesNotContain("sms:16505551234:16505559999");
        assertThat(sqlMatches(List.of(sms))).containsExactly("sms:16505551366:16505551234");
    }

    private List<String> sqlMatches(List<Identity> identities) {
        var pool = TestDatabase.pool(vertx);
        try {
            List<String> matched = new ArrayList<>();
            for (String key : KEYS) {
                for (KeyMatch.Pair pair : KeyMatch.pairs(identities)) {
                    Row row = pool.preparedQuery("SELECT " + KeyMatch.predicate("$1::text", 2, 3) + " AS m")
                            .executeAndAwait(Tuple.of(key, pair.prefix(), pair.id())).iterator().next();
                    if (row.getBoolean("m")) {
                        matched.add(key);
                        break;
                    }
                }
            }
            return matched;
        } finally {
            pool.closeAndAwait();
        }
    }
}
