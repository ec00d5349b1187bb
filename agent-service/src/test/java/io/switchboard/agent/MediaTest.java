package io.switchboard.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.MessageType;
import io.switchboard.testing.auth.TestTokens;

/** Media streamed from the Graph API (its stand-in) on demand, with the account's token, to its agent only. */
@QuarkusTest
class MediaTest {

    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5, 6 };

    @Test
    void whatsAppMediaIsResolvedThroughTheGraphApiWithTheAccountsTokenAndStreamed() {
        String agent = ActionsTest.agent();
        String key = Routing.conversationKey();
        String mediaId = "77" + System.nanoTime();
        graph(mediaId, GraphStandIn.server.baseUrl() + "/whatsapp_business/attachments/?mid=" + mediaId);
        GraphStandIn.server.stubFor(get(urlEqualTo("/whatsapp_business/attachments/?mid=" + mediaId))
                .withHeader("Authorization", equalTo("Bearer wa-media-token"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));
        conversationWith(agent, key, new MediaRef("image", mediaId, null, "image/jpeg", null, null, 10L, null, null));

        Response answer = given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/media/"
                + mediaId);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("image/jpeg");
        assertThat(answer.header("Content-Length")).isEqualTo("10");
        assertThat(answer.asByteArray()).isEqualTo(JPEG);
        GraphStandIn.server.verify(getRequestedFor(urlEqualTo("/v25.0/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer wa-media-token")));

        // A supervisor may open it; another agent may not, nor an unknown id
        given().auth().oauth2(TestTokens.supervisor()).get("/conversations/" + key + "/media/" + mediaId).then()
                .statusCode(200);
        given().auth().oauth2(TestTokens.agent(ActionsTest.agent())).get("/me/conversations/" + key + "/media/"
                + mediaId).then().statusCode(403).body("error", org.hamcrest.Matchers.equalTo("not_yours"));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/media/nope").then()
                .statusCode(404).body("error", org.hamcrest.Matchers.equalTo("unknown_media"));
    }

    @Test
    void expiredMediaIsA404AndAGraphFailureA502() {
        String agent = ActionsTest.agent();
        String key = Routing.conversationKey();
        String expired = "88" + System.nanoTime();
        String broken = "99" + System.nanoTime();
        GraphStandIn.server.stubFor(get(urlEqualTo("/v25.0/" + expired)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": {\"message\": \"Unsupported get "
                        + "request.\", \"type\": \"GraphMethodException\", \"code\": 100, \"error_subcode\": 33}}")));
        GraphStandIn.server.stubFor(get(urlEqualTo("/v25.0/" + broken)).willReturn(aResponse().withStatus(500)));
        conversationWith(agent, key, new MediaRef("image", expired, null, "image/jpeg", null, null, null, null, null),
                new MediaRef("image", broken, null, "image/jpeg", null, null, null, null, null));

        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/media/" + expired).then()
                .statusCode(404).contentType("application/json")
                .body("error", org.hamcrest.Matchers.equalTo("media_unavailable"));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/media/" + broken).then()
                .statusCode(502).body("error", org.hamcrest.Matchers.equalTo("media_upstream_failed"));
    }

    @Test
    void anAttachmentUrlIsFetchedWithoutATokenAndTooLargeFilesAreRefused() {
        String agent = ActionsTest.agent();
        String key = Routing.conversationKey();
        String small = GraphStandIn.server.baseUrl() + "/cdn/small-" + System.nanoTime() + ".png";
        String large = GraphStandIn.server.baseUrl() + "/cdn/large-" + System.nanoTime() + ".mp4";
        String gone = GraphStandIn.server.baseUrl() + "/cdn/gone-" + System.nanoTime() + ".png";
        GraphStandIn.server.stubFor(get(urlEqualTo(path(small))).willReturn(aResponse()
                .withHeader("Content-Type", "image/png").withBody(JPEG)));
        GraphStandIn.server.stubFor(get(urlEqualTo(path(large))).willReturn(aResponse()
                .withHeader("Content-Type", "video/mp4").withBody(new byte[70_000])));
        GraphStandIn.server.stubFor(get(urlEqualTo(path(gone))).willReturn(aResponse().withStatus(403)));
        String[] ids = conversationWith(agent, key, MediaRef.ofUrl("image", small), MediaRef.ofUrl("video", large),
                MediaRef.ofUrl("image", gone));

        Response answer = given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/media/"
                + ids[0]);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("image/png");
        assertThat(answer.asByteArray()).isEqualTo(JPEG);
        GraphStandIn.server.verify(getRequestedFor(urlEqualTo(path(small))).withHeader("Authorization", absent()));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/media/" + ids[1]).then()
                .statusCode(502).body("error", org.hamcrest.Matchers.equalTo("media_too_large"));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/media/" + ids[2]).then()
                .statusCode(404).body("error", org.hamcrest.Matchers.equalTo("media_unavailable"));
    }

    private static String path(String url) {
        return url.substring(GraphStandIn.server.baseUrl().length());
    }

    private static void graph(String mediaId, String url) {
        GraphStandIn.server.stubFor(get(urlEqualTo("/v25.0/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer wa-media-token"))
                .willReturn(okJson("{\"url\": \"" + url + "\", \"mime_type\": \"image/jpeg\", \"sha256\": \"x\","
                        + " \"file_size\": 10, \"id\": \"" + mediaId + "\", \"messaging_product\": \"whatsapp\"}")));
    }

    /** An assigned conversation whose customer sent one message per piece of media; the media ids from the links. */
    private static String[] conversationWith(String agent, String key, MediaRef... media) {
        String conversationId = Routing.id();
        Routing.publish(Routing.assigned(key, conversationId, agent));
        for (MediaRef ref : media) {
            String wamid = "wamid." + Routing.id();
            Routing.publish(new MessageRouted("wa:" + wamid + ":routed:" + agent, Channel.WHATSAPP,
                    Routing.WA_ACCOUNT, key, conversationId, agent, "wa:" + wamid, wamid, null,
                    new MessageContent(MessageType.IMAGE, null, null, List.of(ref), null, null, null, null, null,
                            null), Instant.now(), Instant.now(), MessageRouted.Kind.MESSAGE, null, null, null));
        }
        List<String> links = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth()
                .oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key).then().statusCode(200).extract()
                .<List<String>>path("transcript.collect { it.content.media[0].link }"), l -> l != null && l.size() == media.length);
        return links.stream().map(l -> l.substring(l.lastIndexOf('/') + 1)).toArray(String[]::new);
    }
}
