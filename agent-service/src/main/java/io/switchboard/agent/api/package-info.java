/** What every endpoint shares: refusals with a reason, and who the caller is. */
package io.switchboard.agent.api;
