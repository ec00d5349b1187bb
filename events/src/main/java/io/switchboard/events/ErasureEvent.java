package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event of a customer's erasure (issue 14, docs/privacy.md "Erasure"), keyed by the erasure id so a request and
 * its results stay together. Neither family member carries content: only the identities to erase, and counts.
 */
public sealed interface ErasureEvent extends SwitchboardEvent permits ErasureRequested, ErasureCompleted {

    /** agent-service's id of the erasure; the Kafka key and the CloudEvent subject. */
    String erasureId();

    @Override
    @JsonIgnore
    default String recordKey() {
        return erasureId();
    }
}
