package dev.mnemo.replication.transport;

import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.ForwardVerdict;

/**
 * Keeps a forward's request and its answer within one frame each. A request's records are counted at their framed
 * size ({@link #recordBytes}). The answer holds a verdict per record, and a verdict (a refusal's reason, an error's
 * message) can outweigh a small record. So a verdict's message is cut to {@value #MESSAGE_CHARS_MAX} characters,
 * which bounds a verdict at {@value #VERDICT_BYTES_MAX} bytes, and a request carries at most as many records as that
 * many verdicts fit in a frame: the follower packs no more, the leader takes no more.
 */
final class ForwardLimits {
    /** The longest message a verdict carries; longer ones are cut. */
    static final int MESSAGE_CHARS_MAX = 200;
    /** The longest SQLState a verdict carries (a well-formed one has five ASCII characters); longer ones are cut. */
    static final int SQL_STATE_CHARS_MAX = 5;
    /**
     * The most bytes a verdict takes in an answer: its tag and length, the status and three numbers with their tags,
     * and its SQLState and message, each with its tag and length, at three UTF-8 bytes a character (a surrogate pair
     * is two characters, four bytes).
     */
    static final int VERDICT_BYTES_MAX = 1 + 2 + 2 + 3 * 11 + 1 + 1 + 3 * SQL_STATE_CHARS_MAX + 1 + 2
            + 3 * MESSAGE_CHARS_MAX;
    /**
     * A request's bytes besides its records, or an answer's besides its verdicts: the frame's and the message's tags
     * and lengths, the request id.
     */
    static final int FRAME_OVERHEAD_BYTES = 32;

    private ForwardLimits() {
    }

    /** The most records one request may carry under {@code frameBytesMax}. */
    static int recordsMax(int frameBytesMax) {
        return Math.max(1, (frameBytesMax - FRAME_OVERHEAD_BYTES) / VERDICT_BYTES_MAX);
    }

    /** A record's bytes in a request: its tag, its length (at most five bytes), itself. */
    static long recordBytes(byte[] record) {
        return 1 + 5 + record.length;
    }

    /**
     * {@code response} with every verdict's message cut to {@value #MESSAGE_CHARS_MAX} characters and its SQLState to
     * {@value #SQL_STATE_CHARS_MAX}.
     */
    static ForwardResponse fit(ForwardResponse response) {
        boolean fits = response.getVerdictsList().stream()
                .allMatch(v -> v.getMessage().length() <= MESSAGE_CHARS_MAX
                        && v.getSqlState().length() <= SQL_STATE_CHARS_MAX);
        if (fits) {
            return response;
        }
        ForwardResponse.Builder cut = response.toBuilder();
        for (int i = 0; i < cut.getVerdictsCount(); i++) {
            ForwardVerdict v = cut.getVerdicts(i);
            cut.setVerdicts(i, v.toBuilder().setMessage(cut(v.getMessage(), MESSAGE_CHARS_MAX))
                    .setSqlState(cut(v.getSqlState(), SQL_STATE_CHARS_MAX)));
        }
        return cut.build();
    }

    private static String cut(String s, int chars) {
        if (s.length() <= chars) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(chars - 1)) ? chars - 1 : chars;
        return s.substring(0, end);
    }
}
