/** Signed callbacks to custom sources. */
package io.switchboard.outbound.channel.custom;
