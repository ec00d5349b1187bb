/** The service's one configuration mapping. */
package io.switchboard.ingress.config;
