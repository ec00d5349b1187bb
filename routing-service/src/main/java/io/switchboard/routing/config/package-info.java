/** The service's one configuration mapping, and the topics it creates in dev and test. */
package io.switchboard.routing.config;
