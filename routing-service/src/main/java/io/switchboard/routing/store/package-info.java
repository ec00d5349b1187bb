/** The {@code routing} schema and a small transaction helper over the reactive PostgreSQL client. */
package io.switchboard.routing.store;
