package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API versions a property of Strimzi's models exists in ({@code "v1beta2"}, {@code "v1+"}), as Strimzi's CRD
 * generator reads it. {@code io.strimzi:api}'s classes carry this annotation at run time, but its type lives in
 * Strimzi's unpublished {@code crd-annotations} module, and the JVM drops an annotation whose type it cannot load.
 * Declared here under the same name so that {@code SchemaValidator} can read which fields {@code kafka.strimzi.io/v1}
 * removed. Only the name and the element matter to reflection.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface PresentInVersions {
    String value();
}
