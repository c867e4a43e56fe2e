package dev.mnemo.sql.hibernate;

import org.hibernate.dialect.sequence.SequenceSupport;

/**
 * Mnemo's sequences as Hibernate uses them: {@code select next value for s} for the next value, {@code create
 * sequence s start with n increment by k} (with {@code minvalue} or {@code maxvalue} where the start lies outside
 * Mnemo's default bounds for that direction) and {@code drop sequence if exists s}. Mnemo has no {@code CURRENT
 * VALUE FOR}, so the previous value is not offered.
 */
final class MnemoSequenceSupport implements SequenceSupport {
    static final MnemoSequenceSupport INSTANCE = new MnemoSequenceSupport();

    private MnemoSequenceSupport() {
    }

    @Override
    public String getSelectSequenceNextValString(String sequenceName) {
        return "next value for " + sequenceName;
    }

    /**
     * Mnemo's default bounds are 1 up to the largest value counting up, and the smallest value up to -1 counting
     * down: a start of 0 or below counting up (or 0 or above counting down) needs its bound moved to it.
     */
    @Override
    public boolean sometimesNeedsStartingValue() {
        return true;
    }

    /** With {@code if exists}: create-drop drops the sequences it is about to make, which may not exist yet. */
    @Override
    public String getDropSequenceString(String sequenceName) {
        return "drop sequence if exists " + sequenceName;
    }
}
