package io.switchboard.messaging.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputBoundsTest {

    @Test
    void acceptsWhatFitsAndNull() {
        new InputBounds().check("id", "x".repeat(InputBounds.ID), InputBounds.ID).check("name", null, 10).refuse();
        assertThat(InputBounds.require("text", "héllo 👋", InputBounds.TEXT)).isEqualTo("héllo 👋");
    }

    @Test
    void refusesEveryOffendingFieldInOneAnswer() {
        InputBounds bounds = new InputBounds()
                .check("conversationId", "x".repeat(256), InputBounds.ID)
                .check("text", "a\u0000b", InputBounds.TEXT)
                .check("fine", "ok", 5);
        assertThatThrownBy(bounds::refuse).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("input_out_of_bounds");
            assertThat(e.violations()).containsExactly(
                    "conversationId: longer than 255 characters (256)", "text: contains a NUL character");
            assertThat(e.body().violations()).hasSize(2);
        });
    }

    @Test
    void beanValidationFormAgrees() {
        Bounded.Validator validator = new Bounded.Validator();
        validator.initialize(Holder.class.getRecordComponents()[0].getAnnotation(Bounded.class));
        assertThat(validator.isValid("abc", null)).isTrue();
        assertThat(validator.isValid(null, null)).isTrue();
        assertThat(validator.isValid("abcd", null)).isFalse();
        assertThat(validator.isValid("a\u0000", null)).isFalse();
    }

    @Test
    void errorBodyNeverHoldsNullViolations() {
        assertThat(new ErrorBody("x", "y", null).violations()).isEmpty();
    }

    private record Holder(@Bounded(max = 3) String value) {
    }
}
