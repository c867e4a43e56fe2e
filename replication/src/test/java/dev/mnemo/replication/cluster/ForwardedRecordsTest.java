package dev.mnemo.replication.cluster;

import static dev.mnemo.replication.cluster.DriverHarness.awaitTrue;
import static dev.mnemo.replication.cluster.DriverHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.RecordCodec;
import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.ForwardVerdict;
import dev.mnemo.replication.cluster.DriverHarness.Source;
import dev.mnemo.replication.raft.Role;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A leader's side of forwarding: one request carries several followers' records, and the leader answers each with
 * its own verdict, in the request's order, in one response. A record that is malformed or claims another member
 * is refused on its own; the request's sound records are appended together, in one entry.
 */
class ForwardedRecordsTest {
    private static final long LEADER = 1;
    /** A member id the leader's directory does not know: records from it are taken as from the sending peer. */
    private static final long ELSEWHERE = 77;
    private static final String SENDER = "x@127.0.0.1:1";

    @Test
    void eachRecordOfARequestGetsItsOwnVerdictInOrderAndOnlyTheSoundOnesAreApplied() throws Exception {
        try (DriverHarness member = DriverHarness.founder(LEADER, "a@127.0.0.1:" + FreePorts.next());
                Source source = new Source()) {
            RaftDriver driver = member.driver();
            awaitTrue(() -> driver.role() == Role.LEADER, "a lone voter to elect itself");
            source.db().createTable(TableDef.named("account").column("id", ColumnType.BIGINT).notNull()
                    .column("balance", ColumnType.BIGINT).notNull().primaryKey("id").kind(TableKind.SET));
            source.write(2, n -> tx -> tx.insert("account", Row.of(n, 100 * n)));
            List<CommitRecord> records = source.records(); // the table's creation, then the two inserts
            byte[] create = RecordCodec.encode(records.get(0));
            byte[] first = RecordCodec.encode(records.get(1));
            byte[] second = RecordCodec.encode(records.get(2));
            ForwardRequest request = ForwardRequest.newBuilder()
                    .addRecords(item(ELSEWHERE, 1, create))
                    .addRecords(ByteString.copyFrom(new byte[] {1, 2, 3}))
                    .addRecords(item(LEADER, 2, second)) // SENDER is not the leader: refused, never applied
                    .addRecords(item(ELSEWHERE, 3, first))
                    .build();
            CompletableFuture<ForwardResponse> reply = new CompletableFuture<>();

            driver.onForward(SENDER, request, reply::complete);

            List<ForwardVerdict> verdicts = reply.get(10, TimeUnit.SECONDS).getVerdictsList();
            assertThat(verdicts).extracting(ForwardVerdict::getStatus).containsExactly(
                    ForwardVerdict.Status.APPENDED, ForwardVerdict.Status.FAILED, ForwardVerdict.Status.FAILED,
                    ForwardVerdict.Status.APPENDED);
            assertThat(verdicts.get(1).getSqlState()).isEqualTo("XX001");
            assertThat(verdicts.get(1).getMessage()).contains("malformed commit record");
            assertThat(verdicts.get(2).getSqlState()).isEqualTo("28000");
            assertThat(verdicts.get(2).getMessage()).contains(SENDER).contains("member " + LEADER);
            assertThat(verdicts.get(3).getLogIndex()).as("one request's sound records share an entry")
                    .isEqualTo(verdicts.get(0).getLogIndex()).isPositive();
            assertThat(verdicts.get(3).getLogTerm()).isEqualTo(verdicts.get(0).getLogTerm()).isPositive();
            awaitTrue(() -> rows(member.db(), "account").size() == 1, "the sound insert to be applied");
            assertThat(rows(member.db(), "account")).containsExactly(Row.of(1L, 100L));
        }
    }

    @Test
    void anEmptyRequestIsAnsweredAtOnceWithNoVerdicts() throws Exception {
        try (DriverHarness member = DriverHarness.founder(LEADER, "a@127.0.0.1:" + FreePorts.next())) {
            CompletableFuture<ForwardResponse> reply = new CompletableFuture<>();

            member.driver().onForward(SENDER, ForwardRequest.getDefaultInstance(), reply::complete);

            assertThat(reply.getNow(null)).isEqualTo(ForwardResponse.getDefaultInstance());
        }
    }

    private static ByteString item(long origin, long sequence, byte[] record) {
        return ByteString.copyFrom(Batch.encodeItem(origin, sequence, record));
    }
}
