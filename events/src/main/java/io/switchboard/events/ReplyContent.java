package io.switchboard.events;

import java.util.List;

/**
 * What an outbound command sends. {@code kind} says which part is filled: {@code text} (with optional
 * {@code targetMessageId} to quote a message), {@code media}, {@code template}, {@code interactive} (with
 * {@code text} as its body), {@code emoji} + {@code targetMessageId} for a reaction, {@code targetMessageId} for
 * mark-read.
 *
 * @param targetMessageId the channel's id of a customer message: quoted by a reply, reacted to, or marked read
 */
public record ReplyContent(ReplyKind kind, String text, Media media, Template template, Interactive interactive,
        String emoji, String targetMessageId) {

    public static ReplyContent text(String text) {
        return new ReplyContent(ReplyKind.TEXT, text, null, null, null, null, null);
    }

    /**
     * A file by link.
     *
     * @param kind image, video, audio, document or sticker ({@code file} is accepted for documents)
     */
    public record Media(String kind, String url, String caption, String filename) {
    }

    /**
     * A WhatsApp template with its parameters.
     *
     * @param language the template's language code, e.g. {@code en_US}
     */
    public record Template(String name, String language, List<Component> components) {

        public Template {
            components = components == null ? List.of() : List.copyOf(components);
        }

        /**
         * Parameters of one part of the template.
         *
         * @param type    header, body or button
         * @param subType for buttons: quick_reply or url
         * @param index   for buttons: the button's position
         */
        public record Component(String type, String subType, Integer index, List<Parameter> parameters) {

            public Component {
                parameters = parameters == null ? List.of() : List.copyOf(parameters);
            }
        }

        /**
         * One parameter: {@code text} (type text), {@code payload} (quick-reply button) or {@code link} (type
         * image, video, document).
         */
        public record Parameter(String type, String text, String payload, String link) {
        }
    }

    /**
     * Buttons or a list the customer can tap.
     *
     * @param type       button (WhatsApp reply buttons, Messenger and Instagram quick replies) or list
     * @param listButton the label of the button that opens a list
     */
    public record Interactive(String type, String header, String footer, String listButton, List<Choice> buttons,
            List<Section> sections) {

        public Interactive {
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
            sections = sections == null ? List.of() : List.copyOf(sections);
        }

        /** A button or list row: the id comes back as the customer's reply payload. */
        public record Choice(String id, String title, String description) {
        }

        public record Section(String title, List<Choice> rows) {

            public Section {
                rows = rows == null ? List.of() : List.copyOf(rows);
            }
        }
    }
}
