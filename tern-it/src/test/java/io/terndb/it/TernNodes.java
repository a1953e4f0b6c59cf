package io.terndb.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a class whose {@code @Nested} classes use {@link TernServerExtension}: they all run against one cluster of
 * {@link #value()} nodes (one per distinct server configuration), started for the first of them and stopped when the
 * annotated class is done.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TernNodes {
    int value();
}
