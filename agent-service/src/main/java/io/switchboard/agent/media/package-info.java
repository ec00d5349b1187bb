/**
 * Customers' media, streamed to the agent (or a supervisor) on demand from the channel and never stored: WhatsApp
 * through the Graph API's media endpoint with the account's token, Messenger, Instagram and custom sources from the
 * attachment URL of the webhook.
 */
package io.switchboard.agent.media;
