package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.store.Db;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The SQL of {@code routing.thread_control}: who controls each Messenger or Instagram thread (Meta's handover
 * protocol, docs/channels.md §3.8), by conversation key. No row, or a null owner: Switchboard (or an idle thread).
 */
@ApplicationScoped
public class ThreadControlStore {

    /** Another app has the thread, but the webhook did not say which (a standby message). */
    static final String UNKNOWN_OWNER = "unknown";

    /** One thread: {@code ownerAppId} null when Switchboard controls it. */
    record Thread(String ownerAppId, boolean takenByUs) {

        boolean ours() {
            return ownerAppId == null;
        }
    }

    Thread find(Db db, String key) {
        Row row = db.one("SELECT owner_app_id, taken_by_us FROM routing.thread_control WHERE conversation_key = $1",
                key);
        return row == null ? null : new Thread(row.getString("owner_app_id"), row.getBoolean("taken_by_us"));
    }

    /** Sets who controls the thread ({@code ownerAppId} null: Switchboard). */
    void own(Db db, String key, String ownerAppId, boolean takenByUs) {
        db.update("INSERT INTO routing.thread_control (conversation_key, owner_app_id, taken_by_us)"
                + " VALUES ($1, $2, $3) ON CONFLICT (conversation_key) DO UPDATE SET owner_app_id = $2,"
                + " taken_by_us = $3, updated_at = now()", key, ownerAppId, takenByUs);
    }

    /**
     * A standby message: another app has the thread. Keeps the owner a pass or take named, else records it as
     * {@link #UNKNOWN_OWNER}. Returns the owner.
     */
    String standby(Db db, String key) {
        return db.one("INSERT INTO routing.thread_control (conversation_key, owner_app_id) VALUES ($1, $2)"
                + " ON CONFLICT (conversation_key) DO UPDATE SET owner_app_id = COALESCE("
                + "   routing.thread_control.owner_app_id, $2), taken_by_us = false, updated_at = now()"
                + " RETURNING owner_app_id", key, UNKNOWN_OWNER).getString("owner_app_id");
    }

    /**
     * A message under {@code messaging[]}: Meta sends those only to the thread's owner, so Switchboard has it. True
     * when the thread was recorded as another app's until now.
     */
    boolean reclaimed(Db db, String key) {
        return db.update("UPDATE routing.thread_control SET owner_app_id = NULL, updated_at = now()"
                + " WHERE conversation_key = $1 AND owner_app_id IS NOT NULL", key) > 0;
    }

    /** Another app asked for the thread. */
    void requested(Db db, String key, String appId, String metadata) {
        db.update("INSERT INTO routing.thread_control (conversation_key, requested_by_app_id, requested_metadata)"
                + " VALUES ($1, $2, $3) ON CONFLICT (conversation_key) DO UPDATE SET requested_by_app_id = $2,"
                + " requested_metadata = $3, updated_at = now()", key, appId, metadata);
    }
}
