/** The messaging window per conversation: fed by inbound events and by the channels' window errors. */
package io.switchboard.outbound.window;
