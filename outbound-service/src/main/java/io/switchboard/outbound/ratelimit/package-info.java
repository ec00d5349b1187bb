/** Pacing per sender and per WhatsApp (sender, recipient) pair. */
package io.switchboard.outbound.ratelimit;
