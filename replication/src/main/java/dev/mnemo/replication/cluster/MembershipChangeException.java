package dev.mnemo.replication.cluster;

import dev.mnemo.engine.MnemoException;

/**
 * A membership change an operator asked for ({@link ClusterNode#removeMember}), or a member's join, that the cluster
 * refuses, with why: SQLState 42704 for a name that is no member's, 42725 for a short name that several members
 * share, 42710 for a joining member whose name another member already has, 08004 for a join the cluster refuses
 * for good otherwise (an id it removed, a malformed request), 55006 while another change is under way
 * (retry), 55000 otherwise (among them a change that no working majority of the voters would commit). Nothing was
 * changed.
 */
public final class MembershipChangeException extends MnemoException {
    private static final long serialVersionUID = 1L;

    /** Why a change was refused. */
    public enum Reason {
        UNKNOWN_MEMBER("42704"),
        AMBIGUOUS_MEMBER("42725"),
        NAME_TAKEN("42710"),
        JOIN_REFUSED("08004"),
        LAST_VOTER("55000"),
        LEADER_ITSELF("55000"),
        NOT_LEADER("55000"),
        NO_ACTIVE_QUORUM("55000"),
        CHANGE_PENDING("55006");

        private final String sqlState;

        Reason(String sqlState) {
            this.sqlState = sqlState;
        }
    }

    private final Reason reason;

    public MembershipChangeException(Reason reason, String message) {
        super(reason.sqlState, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
