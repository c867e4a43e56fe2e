package dev.mnemo.sql.cluster;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoException;

import java.util.List;

/**
 * The port through which SQL reads the cluster a database belongs to and removes members from it
 * ({@code INFORMATION_SCHEMA.CLUSTER_MEMBERS}, {@code CALL MNEMO.REMOVE_MEMBER('name')}): the server fills it in from
 * its replication layer; a database on its own is a cluster of one ({@link #single}).
 */
public interface Membership {
    /** The SQLState of a removal that names no member. */
    String UNKNOWN_MEMBER = "42704";
    /** The SQLState of a removal the cluster's state does not allow (the last voter, the leader itself). */
    String NOT_ALLOWED = "55000";

    /** This member's view of the cluster: one entry per member, voters first. */
    List<Member> members();

    /**
     * Removes the member named {@code name} (its name, or its full {@code name@host:port}) for good, returning once
     * the removal is committed and applied here.
     *
     * @throws MnemoException with {@link #UNKNOWN_MEMBER} for a name that is no member's, 42725 for a short name
     *         that several members share; {@link #NOT_ALLOWED} for the last voter, the leader itself, on a member
     *         that is not the leader, or without a working majority of the voters; 55006 while another change is
     *         under way; 40003 when no majority took the change in time (it may still take effect)
     */
    void remove(String name);

    /**
     * One member, as the member that answers sees it.
     *
     * @param id                its id in the cluster
     * @param name              its name, without its address
     * @param address           where it listens ({@code host:port}), or null for a database on its own
     * @param role              {@code leader}, {@code follower}, {@code learner}, {@code candidate}, or
     *                          {@code removed} for a member that answers of itself that the cluster removed it
     * @param voter             whether it votes
     * @param self              whether it is the member that answers
     * @param reachable         whether the member that answers reaches it, or null when it cannot tell
     * @param term              the answering member's current term
     * @param commitIndex       the answering member's commit index, given on its own entry only (else null)
     * @param appliedIndex      the answering member's applied index, given on its own entry only (else null)
     * @param matchIndex        on the leader, the log index known to be stored on this member; else null
     * @param lastContactMillis on the leader, the milliseconds since this member last answered; else null
     */
    record Member(long id, String name, String address, String role, boolean voter, boolean self, Boolean reachable,
                  long term, Long commitIndex, Long appliedIndex, Long matchIndex, Long lastContactMillis) {
    }

    /**
     * A database on its own: one member, always the leader of term 0 (it holds no elections), whose log position is
     * the database's commit version.
     */
    static Membership single(Mnemo db) {
        return new Membership() {
            @Override
            public List<Member> members() {
                long version = db.version();
                return List.of(new Member(1, SINGLE_NAME, null, "leader", true, true, true, 0, version, version,
                        version, 0L));
            }

            @Override
            public void remove(String name) {
                if (!SINGLE_NAME.equals(name)) {
                    throw new MnemoException(UNKNOWN_MEMBER, "no member named " + name + ": this database runs on "
                            + "its own, as the one member " + SINGLE_NAME);
                }
                throw new MnemoException(NOT_ALLOWED, "cannot remove " + name + ": it is the last voter");
            }
        };
    }

    /** The name of the one member of a database on its own. */
    String SINGLE_NAME = "local";
}
