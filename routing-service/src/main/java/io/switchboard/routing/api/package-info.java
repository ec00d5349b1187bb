/** The HTTP API: a dry run of the routing decision for a conversation key. */
package io.switchboard.routing.api;
