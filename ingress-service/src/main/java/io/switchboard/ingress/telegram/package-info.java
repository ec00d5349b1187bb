/**
 * Telegram Bot API (docs/channels.md §5): {@link io.switchboard.ingress.telegram.TelegramWebhookResource} takes one
 * {@code Update} per POST at {@code /webhooks/telegram/{botId}}, proved by the bot's secret token header;
 * {@link io.switchboard.ingress.telegram.TelegramNormalizer} turns it into events.
 */
package io.switchboard.ingress.telegram;
