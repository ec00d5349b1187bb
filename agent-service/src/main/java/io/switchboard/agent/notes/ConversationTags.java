package io.switchboard.agent.notes;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The tags of one conversation episode, replaced as a whole by each PUT. */
@Entity
@Table(name = "conversation_tags", schema = "agent")
public class ConversationTags extends PanacheEntityBase {

    @Id
    public String conversationId;

    @Column(nullable = false)
    public String conversationKey;

    /**
     * {@code {"tags": ["refund", "vip"]}} in the column: in the order given, without repeats. An object rather than
     * a bare array, which Hibernate's JSON mapping of a List attribute does not read back.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public TagList tags;

    /** The stored form. */
    public record TagList(List<String> tags) {
    }

    @Column(nullable = false)
    public String updatedBy;

    @Column(nullable = false)
    public Instant updatedAt;
}
