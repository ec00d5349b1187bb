/** agent-service's one configuration mapping. */
package io.switchboard.agent.config;
