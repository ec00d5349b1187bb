/** The service's one configuration mapping, and topic creation for dev and test. */
package io.switchboard.outbound.config;
