/**
 * WhatsApp Business Platform (Cloud API): turns {@code whatsapp_business_account} webhooks into Switchboard
 * events. Inbound messages, reactions, edits, revokes and identity notices go to the inbound topic; delivery
 * statuses and account-level errors go to the status topic. See {@code docs/channels.md} §2 and §8 for the field
 * mapping and the dedupe keys.
 */
package io.switchboard.ingress.whatsapp;
