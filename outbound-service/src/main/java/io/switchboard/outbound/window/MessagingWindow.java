package io.switchboard.outbound.window;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.switchboard.events.Channel;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.channel.SendPolicy;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * The messaging window as a state machine per conversation. A customer message opens it (or re-opens it); it is
 * closing within the warning time of its end, then closed; on Messenger and Instagram it passes through a
 * human-agent-only stretch (24 h to 7 days). A channel's "outside the window" answer closes it at once: that answer
 * is authoritative, whatever our clock says (docs/channels.md §2.7), until the customer writes again.
 */
@ApplicationScoped
public class MessagingWindow {

    /**
     * What may be done with a command.
     *
     * @param policy           how to send it, when allowed
     * @param refusal          why it may not be sent now, or null
     * @param templateRequired refused because only a template can reach the customer now
     */
    public record Decision(WindowState state, SendPolicy policy, String refusal, boolean templateRequired) {

        public boolean allowed() {
            return refusal == null;
        }
    }

    private final OutboundConfig.Window config;

    @Inject
    public MessagingWindow(OutboundConfig config) {
        this(config.window());
    }

    public MessagingWindow(OutboundConfig.Window config) {
        this.config = config;
    }

    public WindowState state(Channel channel, WindowStore.Facts facts, Instant now) {
        Instant last = facts.lastInboundAt();
        if (last == null) {
            return WindowState.CLOSED;
        }
        boolean closedByChannel = facts.closedAt() != null && !facts.closedAt().isBefore(last);
        Duration age = Duration.between(last, now);
        boolean meta = channel == Channel.MESSENGER || channel == Channel.INSTAGRAM;
        if (!closedByChannel && age.compareTo(config.standard()) < 0) {
            return age.compareTo(config.standard().minus(config.closingWarning())) < 0 ? WindowState.OPEN
                    : WindowState.CLOSING;
        }
        if (meta && age.compareTo(config.humanAgent()) < 0) {
            return WindowState.HUMAN_AGENT_ONLY;
        }
        return WindowState.CLOSED;
    }

    public Decision decide(ReplyRequested command, OutboundConfig.Account account, WindowStore.Facts facts,
            Instant now) {
        Channel channel = command.channel();
        WindowState state = state(channel, facts, now);
        ReplyKind kind = command.content().kind();
        if (channel == Channel.CUSTOM || channel == Channel.TELEGRAM || channel == Channel.SMS) {
            // Custom sources define no window; Telegram (§5.4) and SMS (§6.6) have none.
            return new Decision(state, SendPolicy.RESPONSE, null, false);
        }
        if (channel == Channel.WHATSAPP) {
            // Templates are what a closed window is for; mark-read only needs the message to be under 30 days old.
            if (state.open() || kind == ReplyKind.TEMPLATE || kind == ReplyKind.MARK_READ) {
                return new Decision(state, SendPolicy.RESPONSE, null, false);
            }
            return new Decision(state, null, "The customer service window is closed (no customer message in the last "
                    + hours(config.standard()) + "): only a template can be sent", true);
        }
        if (state.open()) {
            return new Decision(state, SendPolicy.RESPONSE, null, false);
        }
        if (state == WindowState.HUMAN_AGENT_ONLY && command.agentId() != null && account.humanAgentTag()
                && kind != ReplyKind.MARK_READ) {
            return new Decision(state, SendPolicy.HUMAN_AGENT, null, false);
        }
        String why = state == WindowState.HUMAN_AGENT_ONLY
                ? "Outside the standard window only a human agent's reply may be sent (HUMAN_AGENT tag)"
                : "The messaging window is closed (no customer message in the last " + hours(config.humanAgent())
                        + "): wait for the customer to write";
        return new Decision(state, null, why, false);
    }

    private static String hours(Duration duration) {
        return duration.toHours() + " h";
    }
}
