/**
 * Meta webhooks: the endpoint one Meta app delivers WhatsApp, Messenger and Instagram updates to, and the
 * normalizer of the Messenger Platform family ({@link io.switchboard.ingress.meta.MessagingNormalizer}: Messenger
 * {@code object:"page"} and Instagram {@code object:"instagram"}, which share the {@code entry[].messaging[]} shape).
 * WhatsApp's own normalizer lives in {@code io.switchboard.ingress.whatsapp}.
 */
package io.switchboard.ingress.meta;
