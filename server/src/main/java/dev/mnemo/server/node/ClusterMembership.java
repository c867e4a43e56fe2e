package dev.mnemo.server.node;

import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.replication.cluster.ClusterStatus;
import dev.mnemo.sql.cluster.Membership;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A member's cluster as its SQL clients see and change it: the replication layer's status, one row per member, and
 * its removal of a member.
 */
public final class ClusterMembership implements Membership {
    private final ClusterNode node;

    public ClusterMembership(ClusterNode node) {
        this.node = node;
    }

    @Override
    public List<Member> members() {
        ClusterStatus status = node.status();
        List<Member> out = new ArrayList<>();
        for (ClusterStatus.Member m : status.members()) {
            int at = m.name().indexOf('@');
            boolean tracked = m.matchIndex() >= 0;
            out.add(new Member(m.id(), at < 0 ? m.name() : m.name().substring(0, at),
                    at < 0 ? null : m.name().substring(at + 1), m.role().name().toLowerCase(Locale.ROOT), m.voter(),
                    m.self(), m.reach() == ClusterStatus.Reach.UNKNOWN ? null : m.reach() == ClusterStatus.Reach.YES,
                    status.term(), m.self() ? status.commitIndex() : null, m.self() ? status.appliedIndex() : null,
                    tracked ? m.matchIndex() : null, tracked ? m.sinceContact().toMillis() : null));
        }
        return out;
    }

    @Override
    public void remove(String name) {
        node.removeMember(name);
    }
}
