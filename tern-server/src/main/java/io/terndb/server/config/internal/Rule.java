package io.terndb.server.config.internal;

import java.util.Objects;

/**
 * How one setting is read.
 *
 * @param kind       what the value must look like; {@code null} for {@link Effect#OBSOLETE} and
 *                   {@link Effect#UNSUPPORTED}, which are refused before their value is looked at
 * @param effect     what TernDB does with it
 * @param repeatable whether the setting may appear several times in one stanza ({@code address}, {@code file});
 *                   any other setting given twice is refused rather than letting the last one win unnoticed
 * @param hint       for obsolete and unsupported settings, what to do instead; otherwise empty
 */
public record Rule(ValueKind kind, Effect effect, boolean repeatable, String hint) {

    public Rule {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(hint, "hint");
        boolean refused = effect == Effect.OBSOLETE || effect == Effect.UNSUPPORTED;
        if (refused == (kind != null)) {
            throw new IllegalArgumentException("kind=" + kind + " effect=" + effect);
        }
    }
}
