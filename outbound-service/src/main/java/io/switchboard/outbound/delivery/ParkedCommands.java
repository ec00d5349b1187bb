package io.switchboard.outbound.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code parked_commands} table: a sender's commands beyond what it may hold in memory, the Kafka record byte for
 * byte. A row is written before its record is acknowledged and deleted only once its command has a result, so a
 * restart reads the unfinished ones again, as Kafka would have redelivered them; {@code deliveries} still decides
 * whether one is sent.
 */
@ApplicationScoped
public class ParkedCommands {

    /** A parked record, in the order it arrived for its sender. */
    record Parked(long seq, String key, byte[] value, Headers headers, int partition, long offset) {
    }

    private final Pool pool;

    public ParkedCommands(Pool pool) {
        this.pool = pool;
    }

    /** True when parked; false when this command is parked already (a redelivered record). */
    public Uni<Boolean> park(String sender, Command command) {
        return pool.preparedQuery("INSERT INTO parked_commands (sender, idempotency_key, record_key, record_value, "
                + "record_headers, record_partition, record_offset) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                + "ON CONFLICT (idempotency_key) DO NOTHING")
                .execute(Tuple.tuple().addString(sender).addString(command.event().eventId()).addString(command.key())
                        .addValue(Buffer.buffer(command.value())).addValue(Buffer.buffer(encode(command.headers())))
                        .addInteger(command.partition()).addLong(command.offset()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The sender's next parked records after {@code afterSeq}, oldest first. */
    Uni<List<Parked>> next(String sender, long afterSeq, int limit) {
        return pool.preparedQuery("SELECT seq, record_key, record_value, record_headers, record_partition, "
                + "record_offset FROM parked_commands "
                + "WHERE sender = $1 AND seq > $2 ORDER BY seq LIMIT $3")
                .execute(Tuple.of(sender, afterSeq, limit)).map(rows -> {
                    List<Parked> parked = new ArrayList<>();
                    for (Row row : rows) {
                        parked.add(new Parked(row.getLong("seq"), row.getString("record_key"),
                                row.getBuffer("record_value").getBytes(),
                                decode(row.getBuffer("record_headers").getBytes()), row.getInteger("record_partition"),
                                row.getLong("record_offset")));
                    }
                    return parked;
                });
    }

    /** The command has a durable result. */
    Uni<Void> done(long seq) {
        return pool.preparedQuery("DELETE FROM parked_commands WHERE seq = $1").execute(Tuple.of(seq))
                .replaceWithVoid();
    }

    /**
     * Parked records per sender of the given partitions of {@code switchboard.outbound.v1}: those read from one of
     * them, and those whose position is unknown (-1) when their sender's partition ({@code senderPartition}) is one.
     */
    Uni<Map<String, Integer>> counts(int[] partitions, ToIntFunction<String> senderPartition) {
        Set<Integer> wanted = new HashSet<>();
        for (int partition : partitions) {
            wanted.add(partition);
        }
        return pool.query("SELECT sender, record_partition, count(*) AS parked FROM parked_commands "
                + "GROUP BY sender, record_partition").execute()
                .map(rows -> {
                    Map<String, Integer> counts = new TreeMap<>();
                    for (Row row : rows) {
                        String sender = row.getString("sender");
                        int partition = row.getInteger("record_partition");
                        if (wanted.contains(partition < 0 ? senderPartition.applyAsInt(sender) : partition)) {
                            counts.merge(sender, row.getInteger("parked"), Integer::sum);
                        }
                    }
                    return counts;
                });
    }

    private static byte[] encode(Headers headers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Header[] all = headers == null ? new Header[0] : headers.toArray();
            out.writeInt(all.length);
            for (Header header : all) {
                out.writeUTF(header.key());
                byte[] value = header.value();
                out.writeInt(value == null ? -1 : value.length);
                if (value != null) {
                    out.write(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Headers decode(byte[] encoded) {
        RecordHeaders headers = new RecordHeaders();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                int length = in.readInt();
                byte[] value = length < 0 ? null : in.readNBytes(length);
                headers.add(key, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headers;
    }
}
