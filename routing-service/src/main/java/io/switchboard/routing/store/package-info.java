/**
 * SQL of the {@code routing} schema (created by Flyway from {@code db/routing}) and a small transaction helper over
 * the reactive PostgreSQL client.
 */
package io.switchboard.routing.store;
