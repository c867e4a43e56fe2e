package dev.mnemo.replication.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.ForwardVerdict;
import dev.mnemo.proto.v1.JoinRequest;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.proto.v1.Member;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.Snapshot;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerTransportTest {
    private static final String COOKIE = "monster";
    private final List<TestPeer> peers = new ArrayList<>();

    @AfterEach
    void closePeers() throws InterruptedException {
        for (TestPeer peer : peers) {
            peer.close();
        }
    }

    private TestPeer peer(String name, TransportOptions options) {
        TestPeer peer = new TestPeer(name, COOKIE, options);
        peers.add(peer);
        return peer;
    }

    static Message append(long from, long to, long index) {
        return new Message(MessageType.APPEND, from, to, 2, 2, index - 1,
                List.of(Entry.normal(2, index, ByteBuffer.allocate(8).putLong(index).array())), index - 1,
                Snapshot.EMPTY, false, 0, new byte[0]);
    }

    @Test
    void twoPeersExchangeRaftMessagesInOrder() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        int count = 2000;

        for (int i = 1; i <= count; i++) {
            a.transport.send(b.name, append(1, 2, i));
            b.transport.send(a.name, append(2, 1, i));
        }

        for (int i = 1; i <= count; i++) {
            TestPeer.Received atB = b.next();
            TestPeer.Received atA = a.next();
            assertThat(atB.peer()).isEqualTo(a.name);
            assertThat(atB.message()).isEqualTo(append(1, 2, i));
            assertThat(atA.peer()).isEqualTo(b.name);
            assertThat(atA.message()).isEqualTo(append(2, 1, i));
        }
        assertThat(a.transport.connectedPeers()).containsExactly(b.name);
        assertThat(b.transport.connectedPeers()).containsExactly(a.name);
        assertThat(a.events).containsExactly("up " + b.name);
        assertThat(a.transport.stats().messagesDropped()).isZero();
        assertThat(b.transport.stats().framesReceived()).isGreaterThanOrEqualTo(count);
    }

    static Message appendResponse(long from, long to, long index) {
        return new Message(MessageType.APPEND_RESPONSE, from, to, 2, 0, index, List.of(), 0, Snapshot.EMPTY, false,
                0, new byte[0]);
    }

    /**
     * Waits for every answer and checks what {@link TestPeer#appendedAtLength} said: the i-th record forwarded, of
     * {@code firstLength + i} bytes, was appended at the log index of its length.
     */
    private static void assertAppendedAtLengths(List<CompletableFuture<ForwardVerdict>> answers, int firstLength)
            throws Exception {
        for (int i = 0; i < answers.size(); i++) {
            ForwardVerdict answer = answers.get(i).get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.getStatus()).isEqualTo(ForwardVerdict.Status.APPENDED);
            assertThat(answer.getLogIndex()).isEqualTo(firstLength + i);
        }
    }

    @Test
    void raftAnswersGoBackOnTheStreamTheRequestCameOnAndOtherwiseOnADialedOne() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        a.transport.send(b.name, append(1, 2, 1));
        assertThat(b.next().message()).isEqualTo(append(1, 2, 1));
        for (int i = 1; i <= 100; i++) {
            b.transport.send(a.name, appendResponse(2, 1, i));
        }
        for (int i = 1; i <= 100; i++) {
            TestPeer.Received answer = a.next();
            assertThat(answer.peer()).isEqualTo(b.name);
            assertThat(answer.message()).isEqualTo(appendResponse(2, 1, i));
        }
        // b answered on a's stream: it never dialed a.
        assertThat(b.transport.stats().streamsDialed()).isZero();
        // A request from b travels on a stream b dials, as always.
        b.transport.send(a.name, append(2, 1, 7));
        assertThat(a.next().message()).isEqualTo(append(2, 1, 7));
        assertThat(b.transport.stats().streamsDialed()).isEqualTo(1);
    }

    @Test
    void aRaftAnswerWithNoStreamFromItsAddresseeIsSentOnADialedOne() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        b.transport.send(a.name, appendResponse(2, 1, 3));
        TestPeer.Received answer = a.next();
        assertThat(answer.peer()).isEqualTo(b.name);
        assertThat(answer.message()).isEqualTo(appendResponse(2, 1, 3));
        assertThat(b.transport.stats().streamsDialed()).isEqualTo(1);
    }

    @Test
    void threePeersEachKeepTheOrderOfEverySender() throws Exception {
        List<TestPeer> three = List.of(peer("a", TestPeer.fastOptions()), peer("b", TestPeer.fastOptions()),
                peer("c", TestPeer.fastOptions()));
        int count = 500;

        for (int i = 1; i <= count; i++) {
            for (int from = 0; from < 3; from++) {
                for (int to = 0; to < 3; to++) {
                    if (from != to) {
                        three.get(from).transport.send(three.get(to).name, append(from + 1, to + 1, i));
                    }
                }
            }
        }

        for (int to = 0; to < 3; to++) {
            long[] lastIndexFrom = new long[4];
            for (int n = 0; n < 2 * count; n++) {
                TestPeer.Received r = three.get(to).next();
                int from = (int) r.message().from();
                assertThat(r.peer()).isEqualTo(three.get(from - 1).name);
                assertThat(r.message().entries().get(0).index()).isEqualTo(lastIndexFrom[from] + 1);
                lastIndexFrom[from]++;
            }
        }
        assertThat(three.get(0).transport.connectedPeers()).containsExactlyInAnyOrder(three.get(1).name,
                three.get(2).name);
    }

    @Test
    void manyForwardsInFlightEachGetTheirOwnAnswer() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        ExecutorService answerer = Executors.newFixedThreadPool(4);
        LinkedBlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
        AtomicInteger recordsHeld = new AtomicInteger();
        // Answers leave in an order unrelated to the requests': held back, then released all at once, reversed.
        b.forwardHandler = (request, reply) -> {
            held.add(() -> reply.accept(TestPeer.appendedAtLength(request).toBuilder().setRequestId(12345).build()));
            recordsHeld.addAndGet(request.getRecordsCount());
        };
        int count = 300;
        List<CompletableFuture<ForwardVerdict>> answers = new ArrayList<>();

        for (int i = 0; i < count; i++) {
            answers.add(a.transport.forward(b.name, new byte[i]));
        }
        TestPeer.await("all forwards arrived", () -> recordsHeld.get() == count);
        List<Runnable> replies = new ArrayList<>(held);
        for (int i = replies.size() - 1; i >= 0; i--) {
            answerer.execute(replies.get(i));
        }

        assertAppendedAtLengths(answers, 0);
        assertThat(b.forwardPeers).containsOnly(a.name);
        // b never dialed a: every answer went back on the stream the forwards came on.
        assertThat(a.transport.counters().forwardAnswersCrossed.sum()).isZero();
        answerer.shutdown();
    }

    @Test
    void aForwardIsAnsweredOnTheStreamTheAnswererDialedWhenOneIsOpen() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        // b dials a, as a leader does to send its appends.
        b.transport.send(a.name, append(2, 1, 1));
        assertThat(a.next().message()).isEqualTo(append(2, 1, 1));
        List<CompletableFuture<ForwardVerdict>> answers = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            answers.add(a.transport.forward(b.name, new byte[i]));
        }

        assertAppendedAtLengths(answers, 0);
        // Every answer came on b's stream, with b's own traffic to a; none on the stream a dialed.
        long requests = b.forwards.size();
        assertThat(requests).isPositive();
        assertThat(a.transport.counters().forwardAnswersCrossed.sum()).isEqualTo(requests);
        // b's stream still carries its requests, in order, after the answers.
        b.transport.send(a.name, append(2, 1, 2));
        assertThat(a.next().message()).isEqualTo(append(2, 1, 2));
    }

    @Test
    void recordsForwardedWhileTheNetworkThreadIsBusyShareOneRequestAndEachGetsItsVerdict() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        CountDownLatch release = holdNetworkThreadOnceStreamIsUp(a, b);
        List<CompletableFuture<ForwardVerdict>> answers = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            answers.add(a.transport.forward(b.name, new byte[10 + i]));
        }
        release.countDown();

        assertAppendedAtLengths(answers, 10);
        assertThat(b.forwards).hasSize(1);
        assertThat(b.forwards.peek().getRecordsCount()).isEqualTo(50);
    }

    @Test
    void recordsTooManyForOneFrameGoInSeveralRequestsUnderTheFrameLimit() throws Exception {
        int frameMax = 16 * 1024;
        TestPeer a = peer("a", TestPeer.fastOptions().withFrameLimits(8 * 1024, frameMax));
        TestPeer b = peer("b", TestPeer.fastOptions().withFrameLimits(8 * 1024, frameMax));
        CountDownLatch release = holdNetworkThreadOnceStreamIsUp(a, b);
        // Two records that fit one frame together, then two whose bytes alone would (16,378 <= 16,384) but whose
        // request, with its tags and lengths, would not (16,389 bytes).
        int[] sizes = {8000, 8001, 8188, 8190};
        List<CompletableFuture<ForwardVerdict>> answers = new ArrayList<>();

        for (int size : sizes) {
            answers.add(a.transport.forward(b.name, new byte[size]));
        }
        release.countDown();

        for (int i = 0; i < sizes.length; i++) {
            assertThat(answers.get(i).get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS).getLogIndex())
                    .isEqualTo(sizes[i]);
        }
        List<ForwardRequest> requests = new ArrayList<>(b.forwards);
        assertThat(requests).extracting(ForwardRequest::getRecordsCount).containsExactly(2, 1, 1);
        assertThat(requests).allSatisfy(r -> assertThat(PeerFrame.newBuilder().setForwardRequest(r).build()
                .getSerializedSize()).isLessThanOrEqualTo(frameMax));
    }

    @Test
    void aRequestCarriesNoMoreRecordsThanItsAnswerCanHoldAndLongReasonsAreCut() throws Exception {
        int frameMax = 16 * 1024;
        int recordsMax = ForwardLimits.recordsMax(frameMax);
        TestPeer a = peer("a", TestPeer.fastOptions().withFrameLimits(8 * 1024, frameMax));
        TestPeer b = peer("b", TestPeer.fastOptions().withFrameLimits(8 * 1024, frameMax));
        CountDownLatch release = holdNetworkThreadOnceStreamIsUp(a, b);
        String reason = "€".repeat(5_000); // three UTF-8 bytes a character, the widest a cut string can be
        String sqlState = "€".repeat(9);
        // Every record refused with the largest verdict there is (its numbers at ten bytes each, a reason far longer
        // than the record): uncut, one answer would exceed the frame, and cut it must still fit, however many.
        b.forwardHandler = (request, reply) -> {
            ForwardResponse.Builder response = ForwardResponse.newBuilder();
            for (int i = 0; i < request.getRecordsCount(); i++) {
                response.addVerdicts(ForwardVerdict.newBuilder().setStatus(ForwardVerdict.Status.FAILED)
                        .setLogIndex(-1L).setLogTerm(-1L).setLeaderHint(-1L).setSqlState(sqlState)
                        .setMessage(reason));
            }
            reply.accept(response.build());
        };
        int count = 2 * recordsMax + 3;
        List<CompletableFuture<ForwardVerdict>> answers = new ArrayList<>();

        for (int i = 0; i < count; i++) {
            answers.add(a.transport.forward(b.name, new byte[10]));
        }
        release.countDown();

        for (CompletableFuture<ForwardVerdict> answer : answers) {
            ForwardVerdict verdict = answer.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(verdict.getStatus()).isEqualTo(ForwardVerdict.Status.FAILED);
            assertThat(verdict.getMessage()).isEqualTo(reason.substring(0, ForwardLimits.MESSAGE_CHARS_MAX));
            assertThat(verdict.getSqlState()).isEqualTo(sqlState.substring(0, ForwardLimits.SQL_STATE_CHARS_MAX));
        }
        assertThat(b.forwards).extracting(ForwardRequest::getRecordsCount)
                .containsExactly(recordsMax, recordsMax, 3);
        assertThat(a.transport.stats().malformedFrames()).isZero();
        assertThat(a.transport.connectedPeers()).containsExactly(b.name);
    }

    @Test
    void anAnswerWithTheWrongNumberOfVerdictsFailsItsRecordsAsPossiblySent() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        b.forwardHandler = (request, reply) -> reply.accept(ForwardResponse.getDefaultInstance());

        CompletableFuture<ForwardVerdict> answer = a.transport.forward(b.name, new byte[] {1});

        assertThatThrownBy(() -> answer.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS))
                .cause().isInstanceOf(PeerUnavailableException.class).hasMessageContaining("0 verdicts");
        assertThat(((PeerUnavailableException) catchCause(answer)).sent()).isTrue();
    }

    /**
     * Opens {@code from}'s stream to {@code to} with one forward, then holds {@code from}'s only network thread
     * until the returned latch is counted down, as a busy network thread would be.
     */
    private static CountDownLatch holdNetworkThreadOnceStreamIsUp(TestPeer from, TestPeer to) throws Exception {
        from.transport.forward(to.name, new byte[1]).get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
        to.forwards.clear();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        from.transport.network().loop().execute(() -> {
            busy.countDown();
            awaitQuietly(release);
        });
        busy.await();
        return release;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void joinRoundTrip() throws Exception {
        TestPeer seed = peer("seed", TestPeer.fastOptions());
        TestPeer joiner = peer("new", TestPeer.fastOptions());
        LinkedBlockingQueue<JoinRequest> requests = new LinkedBlockingQueue<>();
        Member seedMember = Member.newBuilder().setId(1).setName(seed.name).build();
        seed.joinHandler = (request, reply) -> {
            requests.add(request);
            reply.accept(JoinResponse.newBuilder().setStatus(JoinResponse.Status.ACCEPTED)
                    .addMembers(seedMember).addMembers(request.getMember()).setLeaderHint(seed.name).build());
        };
        Member self = Member.newBuilder().setId(42).setName(joiner.name).build();

        JoinResponse answer = joiner.transport.join(seed.name, self).get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(answer.getStatus()).isEqualTo(JoinResponse.Status.ACCEPTED);
        assertThat(answer.getMembersList()).containsExactly(seedMember, self);
        assertThat(answer.getLeaderHint()).isEqualTo(seed.name);
        JoinRequest request = requests.take();
        assertThat(request.getMember()).isEqualTo(self);
        assertThat(request.getLeave()).isFalse();
        assertThat(joiner.transport.join(seed.name, self, true).get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS)
                .getStatus()).isEqualTo(JoinResponse.Status.ACCEPTED);
        assertThat(requests.take().getLeave()).isTrue();
    }

    @Test
    void aForwardWithoutAnswerFailsAfterTheRequestTimeout() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions().withRequestTimeout(Duration.ofMillis(300)));
        TestPeer b = peer("b", TestPeer.fastOptions());
        b.forwardHandler = (request, reply) -> { };

        CompletableFuture<ForwardVerdict> answer = a.transport.forward(b.name, new byte[] {1});

        assertThatThrownBy(() -> answer.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("no answer");
        assertThat(b.forwards).hasSize(1);
        assertThat(((PeerUnavailableException) catchCause(answer)).sent()).isTrue();
    }

    @Test
    void aForwardToAnUnreachablePeerFailsAsNeverSent() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        b.stopServer();

        CompletableFuture<ForwardVerdict> answer = a.transport.forward(b.name, new byte[] {1});

        assertThatThrownBy(() -> answer.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS))
                .cause().isInstanceOf(PeerUnavailableException.class);
        assertThat(((PeerUnavailableException) catchCause(answer)).sent()).isFalse();
    }

    @Test
    void dialsThatFailLeaveNoTimerTaskBehind() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        b.stopServer();

        for (int i = 0; i < 30; i++) { // each forward dials anew once the previous dial's backoff is over
            CompletableFuture<ForwardVerdict> answer = a.transport.forward(b.name, new byte[] {1});
            assertThatThrownBy(() -> answer.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS))
                    .cause().isInstanceOf(PeerUnavailableException.class);
            Thread.sleep(25);
        }

        // Every stream ended, so no deadline check may stay scheduled; a backoff still pending is at most one.
        TestPeer.await("the ended streams' deadline checks to be gone", () -> a.transport.timerTasks() <= 1);
    }

    @Test
    void aForwardTooLargeForAFrameIsRefusedLocally() {
        TestPeer a = peer("a", TestPeer.fastOptions().withFrameLimits(16 * 1024, 64 * 1024));
        TestPeer b = peer("b", TestPeer.fastOptions());

        CompletableFuture<ForwardVerdict> answer = a.transport.forward(b.name, new byte[64 * 1024]);

        assertThatThrownBy(() -> answer.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frameBytesMax");
    }

    @Test
    void aSlowReceiverMakesTheSenderDropPastItsBoundedQueueAndOrderHolds() throws Exception {
        int queueMax = 100;
        TestPeer a = peer("a", TestPeer.fastOptions().withQueueMessagesMax(queueMax));
        TestPeer b = peer("b", TestPeer.fastOptions());
        CountDownLatch slow = new CountDownLatch(1);
        b.beforeRaftMessage = () -> {
            try {
                slow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        int count = 2000;

        for (int i = 1; i <= count; i++) {
            a.transport.send(b.name, bigAppend(i));
        }
        // 20 MB sent at a node that takes nothing: all but the queue and gRPC's flow-control window is dropped.
        assertThat(a.transport.stats().messagesDropped()).isGreaterThan(count / 2);
        slow.countDown();

        // Whatever got through arrives in order; new traffic (which may itself be dropped while the queue is
        // still full) gets through once the backlog is gone.
        long last = 0;
        long next = count;
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (last <= count) {
            assertThat(System.nanoTime()).as("new traffic got through in time").isLessThan(deadline);
            a.transport.send(b.name, bigAppend(++next));
            for (TestPeer.Received r = b.received.poll(20, TimeUnit.MILLISECONDS); r != null;
                    r = b.received.poll()) {
                long index = r.message().entries().get(0).index();
                assertThat(index).isGreaterThan(last);
                last = index;
            }
        }
    }

    private static Message bigAppend(long index) {
        return new Message(MessageType.APPEND, 1, 2, 2, 2, index - 1, List.of(Entry.normal(2, index,
                new byte[10_000])), index - 1, Snapshot.EMPTY, false, 0, new byte[0]);
    }

    @Test
    void aRestartedPeerIsRedialedAndDropsMeanwhileAreCountedNotQueued() throws Exception {
        int queueMax = 100;
        TestPeer a = peer("a", TestPeer.fastOptions().withQueueMessagesMax(queueMax));
        TestPeer b = peer("b", TestPeer.fastOptions());
        a.transport.send(b.name, append(1, 2, 1));
        assertThat(b.next().message()).isEqualTo(append(1, 2, 1));

        b.stopServer();
        TestPeer.await("a sees b down", () -> a.events.contains("down " + b.name));
        long droppedBefore = a.transport.stats().messagesDropped();
        int sentWhileDown = 20_000;
        for (int i = 0; i < sentWhileDown; i++) {
            a.transport.send(b.name, append(1, 2, 2));
        }
        assertThat(a.transport.stats().messagesDropped() - droppedBefore)
                .isGreaterThanOrEqualTo(sentWhileDown - queueMax);

        b.restartServer();
        TestPeer.await("a redials b by itself", () -> a.transport.connectedPeers().contains(b.name));
        b.received.clear();
        a.transport.send(b.name, append(1, 2, 3));

        TestPeer.Received r = b.next();
        while (r.message().equals(append(1, 2, 2))) {
            r = b.next();
        }
        assertThat(r.message()).isEqualTo(append(1, 2, 3));
        assertThat(a.events).containsSubsequence("up " + b.name, "down " + b.name, "up " + b.name);
        assertThat(b.events).containsSubsequence("up " + a.name, "down " + a.name, "up " + a.name);
    }

    @Test
    void closeEndsStreamsAndLaterSendsAreDropped() throws Exception {
        TestPeer a = peer("a", TestPeer.fastOptions());
        TestPeer b = peer("b", TestPeer.fastOptions());
        a.transport.send(b.name, append(1, 2, 1));
        b.next();

        a.transport.close();

        TestPeer.await("b sees a down", () -> b.events.contains("down " + a.name));
        long dropped = a.transport.stats().messagesDropped();
        a.transport.send(b.name, append(1, 2, 2));
        assertThat(a.transport.stats().messagesDropped()).isEqualTo(dropped + 1);
        assertThatThrownBy(() -> a.transport.forward(b.name, new byte[1]).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(PeerUnavailableException.class);
    }

    private static Throwable catchCause(CompletableFuture<?> future) {
        try {
            future.get(TestPeer.WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the future succeeded");
    }
}
