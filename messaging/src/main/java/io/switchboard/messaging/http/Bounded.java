package io.switchboard.messaging.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Bean Validation form of {@link InputBounds}: at most {@link #max()} characters and no NUL. Null is valid.
 * {@code record Reply(@Bounded(max = InputBounds.TEXT) String text)} with {@code @Valid} on the resource parameter
 * answers 400 {@code validation_failed} naming the field ({@link ErrorMappers}).
 */
@Documented
@Constraint(validatedBy = Bounded.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Bounded {

    int max() default InputBounds.ID;

    String message() default "must be at most {max} characters without NUL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Bounded, String> {

        private int max;

        @Override
        public void initialize(Bounded bounded) {
            this.max = bounded.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return InputBounds.violation("", value, max).isEmpty();
        }
    }
}
