/**
 * Conversations from first message to resolution: opened or continued per conversation key, queued, offered,
 * assigned, transferred, resolved. Every change is one transaction with its inbox row and its outbox events; every
 * contested step is a conditional statement whose row count says who won.
 */
package io.switchboard.routing.conversation;
