/**
 * Telegram Bot API sends (docs/channels.md §5.4): {@link io.switchboard.outbound.channel.telegram.TelegramSender}
 * calls {@code sendMessage} and the media methods with the bot's token in the path;
 * {@link io.switchboard.outbound.channel.telegram.TelegramErrors} classifies Telegram's {@code error_code} and
 * {@code description}.
 */
package io.switchboard.outbound.channel.telegram;
