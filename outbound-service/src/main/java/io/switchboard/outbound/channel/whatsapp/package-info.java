/** WhatsApp Cloud API sends. */
package io.switchboard.outbound.channel.whatsapp;
