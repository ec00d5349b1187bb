/**
 * The agents' view of their offers and conversations, mirrored from routing's events, and their actions on them:
 * requests to routing (accept, decline, resolve, transfer) and replies to outbound-service, all through the outbox.
 */
package io.switchboard.agent.conversation;
