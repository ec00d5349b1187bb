/**
 * Custom sources: Switchboard's own webhook protocol, version 1 ({@code docs/custom-source.md}), for channels
 * Switchboard has no connector for. {@link io.switchboard.ingress.custom.CustomSourceSchema} checks a body against
 * {@code custom-source/v1/webhook.schema.json}; {@link io.switchboard.ingress.custom.CustomSourceNormalizer} turns a
 * valid body into events.
 */
package io.switchboard.ingress.custom;
