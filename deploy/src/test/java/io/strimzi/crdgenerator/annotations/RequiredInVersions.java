package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API versions in which a property of Strimzi's models is required ({@code "v1+"}): {@code spec} of every
 * resource in {@code kafka.strimzi.io/v1}. Declared here for the reason {@link PresentInVersions} gives.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface RequiredInVersions {
    String value();
}
