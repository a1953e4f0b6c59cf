package io.terndb.cluster.membership;

import io.terndb.cluster.ClusterSettings;
import io.terndb.cluster.ClusterView;
import io.terndb.cluster.NodeIds;
import io.terndb.cluster.message.ControlMessage;
import io.terndb.cluster.message.ControlMessage.Accept;
import io.terndb.cluster.message.ControlMessage.Accepted;
import io.terndb.cluster.message.ControlMessage.Commit;
import io.terndb.cluster.message.ControlMessage.CommitAck;
import io.terndb.cluster.message.ControlMessage.Heartbeat;
import io.terndb.cluster.message.ControlMessage.Prepare;
import io.terndb.cluster.message.ControlMessage.Promise;
import io.terndb.cluster.message.NodeEndpoints;
import io.terndb.cluster.transport.ControlTransport;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats and agreement on the succession list. Among the nodes that hear each other (the {@link Clique}), the
 * one with the highest id is the principal: once adjacency has settled it proposes the clique as the new view in a
 * Paxos-style round (prepare/promise, accept/accepted, commit), which every proposed member must grant. An acceptor
 * grants only a proposer that is the highest eligible node it hears, so two principals never split one clique.
 * Every committed view gets a new random cluster key. Single-threaded: every method is called by one agent thread
 * (or a simulator), with the time passed in.
 */
public final class Membership {

    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    /** Told of every view this node installs, and of peers that went silent. */
    public interface Listener {
        void viewInstalled(ClusterView view, long nowMs);

        /** {@code nodeId} (reached at {@code heartbeatEndpoint}) was not heard for the heartbeat timeout. */
        default void silent(long nodeId, String heartbeatEndpoint) {
        }
    }

    private enum Phase { PREPARE, ACCEPT, COMMIT }

    /** The round this node leads, if any. */
    private static final class Proposal {
        final long ballot;
        final long[] members;
        final long startedMs;
        Phase phase = Phase.PREPARE;
        long clusterKey;
        final Set<Long> answered = new HashSet<>();
        long lastSendMs;

        Proposal(long ballot, long[] members, long startedMs) {
            this.ballot = ballot;
            this.members = members;
            this.startedMs = startedMs;
        }
    }

    private final ClusterSettings settings;
    private final NodeEndpoints endpoints;
    private final ControlTransport transport;
    private final RandomGenerator random;
    private final Listener listener;
    private final HeartbeatTracker tracker;
    private final FlapDamper damper = new FlapDamper();
    private final Set<String> reached = new HashSet<>();
    private final Map<Long, Long> disagreeingSinceMs = new HashMap<>();

    private ClusterView view;
    private long promisedBallot;
    private Proposal proposal;
    private long nextProposalMs;
    private long lastHeartbeatMs = Long.MIN_VALUE / 2;
    private long lastChangeMs;
    private long pendingSinceMs = -1;
    private long[] lastClique = new long[0];
    /** Members that did not answer the last round; left out of proposals until {@link #suspectsUntilMs}. */
    private Set<Long> suspects = Set.of();
    private long suspectsUntilMs;
    private long viewsInstalled;

    public Membership(ClusterSettings settings, NodeEndpoints endpoints, ControlTransport transport,
            RandomGenerator random, Listener listener, long nowMs) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.transport = transport;
        this.random = random;
        this.listener = listener;
        this.tracker = new HeartbeatTracker(settings.nodeId(), settings.heartbeatTimeoutMs());
        this.lastChangeMs = nowMs;
    }

    public ClusterView view() {
        return view;
    }

    public HeartbeatTracker tracker() {
        return tracker;
    }

    public long viewsInstalled() {
        return viewsInstalled;
    }

    public long self() {
        return settings.nodeId();
    }

    /** Forms a one-node view at once: for a node with no seeds, which has nobody to wait for. */
    public void formAlone(long nowMs) {
        install(new ClusterView(newClusterKey(), new long[] {self()}), nowMs);
    }

    public void tick(long nowMs) {
        for (long departed : tracker.expire(nowMs)) {
            departed(departed, nowMs);
            HeartbeatTracker.Peer peer = tracker.peer(departed);
            if (peer.last != null) {
                listener.silent(departed, peer.last.endpoints().heartbeat());
            }
        }
        if (nowMs - lastHeartbeatMs >= settings.heartbeatIntervalMs()) {
            lastHeartbeatMs = nowMs;
            transport.broadcast(heartbeat());
        }
        if (proposal != null) {
            progressProposal(nowMs);
        } else {
            considerProposing(nowMs);
        }
    }

    /** A connection to a peer's heartbeat endpoint was refused: its process is gone. */
    public void unreachable(String heartbeatEndpoint, long nowMs) {
        for (long departed : tracker.unreachable(heartbeatEndpoint)) {
            departed(departed, nowMs);
        }
    }

    private void departed(long nodeId, long nowMs) {
        log.info("node {} departed", NodeIds.format(nodeId));
        damper.departed(nodeId, nowMs);
        lastChangeMs = nowMs;
    }

    public void receive(ControlMessage message, long nowMs) {
        switch (message) {
            case Heartbeat h -> onHeartbeat(h, nowMs);
            case Prepare p -> onPrepare(p, nowMs);
            case Promise p -> onPromise(p, nowMs);
            case Accept a -> onAccept(a);
            case Accepted a -> onAccepted(a, nowMs);
            case Commit c -> onCommit(c, nowMs);
            case CommitAck c -> onCommitAck(c);
            default -> throw new IllegalArgumentException("not a membership message: " + message);
        }
    }

    private Heartbeat heartbeat() {
        return new Heartbeat(self(), settings.clusterName(), view == null ? 0 : view.clusterKey(),
                view == null ? new long[0] : view.succession(), tracker.aliveIds(), endpoints,
                tracker.aliveEndpoints());
    }

    private void onHeartbeat(Heartbeat heartbeat, long nowMs) {
        if (!heartbeat.clusterName().equals(settings.clusterName()) || heartbeat.from() == self()) {
            return;
        }
        if (tracker.heard(heartbeat, nowMs)) {
            log.info("node {} arrived", NodeIds.format(heartbeat.from()));
            damper.arrived(heartbeat.from(), nowMs);
            lastChangeMs = nowMs;
        }
        for (String peer : heartbeat.peers()) {
            if (!peer.equals(endpoints.heartbeat()) && reached.add(peer)) {
                transport.reach(peer);
            }
        }
        if (reached.add(heartbeat.endpoints().heartbeat())) {
            transport.reach(heartbeat.endpoints().heartbeat());
        }
        noteDisagreement(heartbeat, nowMs);
    }

    /** Remembers since when a member of this node's view reports another cluster key. */
    private void noteDisagreement(Heartbeat heartbeat, long nowMs) {
        if (view != null && view.contains(heartbeat.from()) && heartbeat.clusterKey() != view.clusterKey()) {
            disagreeingSinceMs.putIfAbsent(heartbeat.from(), nowMs);
        } else {
            disagreeingSinceMs.remove(heartbeat.from());
        }
    }

    private boolean eligibleAlive(long nodeId, long nowMs) {
        return nodeId == self() || tracker.alive(nodeId) && damper.eligible(nodeId, nowMs);
    }

    /** The clique this node would form now, ascending ids. */
    long[] clique(long nowMs) {
        long[] alive = tracker.aliveIds();
        long[] candidates = Arrays.stream(alive).filter(id -> damper.eligible(id, nowMs)).toArray();
        long[] withSelf = Arrays.copyOf(candidates, candidates.length + 1);
        withSelf[candidates.length] = self();
        return Clique.of(self(), withSelf, this::linked);
    }

    private boolean linked(long a, long b) {
        if (a == self()) {
            return tracker.alive(b) && tracker.reports(b, a);
        }
        if (b == self()) {
            return tracker.alive(a) && tracker.reports(a, b);
        }
        return tracker.reports(a, b) && tracker.reports(b, a);
    }

    private void considerProposing(long nowMs) {
        long[] clique = clique(nowMs);
        if (!Arrays.equals(clique, lastClique)) {
            lastClique = clique;
            lastChangeMs = nowMs;
        }
        if (nowMs >= suspectsUntilMs) {
            suspects = Set.of();
        }
        long[] members = Arrays.stream(clique).filter(id -> !suspects.contains(id)).toArray();
        boolean principal = members[members.length - 1] == self();
        boolean needed = view == null || !view.hasMembers(members) || membersDisagree(nowMs);
        if (!principal || !needed) {
            pendingSinceMs = -1;
            return;
        }
        if (pendingSinceMs < 0) {
            pendingSinceMs = nowMs;
        }
        boolean settled = nowMs - lastChangeMs >= settings.settleMs();
        boolean waitedEnough = nowMs - pendingSinceMs >= settings.quantumMaxMs();
        if ((settled || waitedEnough) && nowMs >= nextProposalMs) {
            propose(members, nowMs);
        }
    }

    private boolean membersDisagree(long nowMs) {
        for (Map.Entry<Long, Long> entry : disagreeingSinceMs.entrySet()) {
            if (tracker.alive(entry.getKey()) && nowMs - entry.getValue() >= settings.keyDisagreementMs()) {
                return true;
            }
        }
        return false;
    }

    private void propose(long[] members, long nowMs) {
        long ballot = Math.max(nowMs << 8, promisedBallot + 1);
        promisedBallot = ballot;
        proposal = new Proposal(ballot, members, nowMs);
        proposal.answered.add(self());
        pendingSinceMs = -1;
        suspects = Set.of();
        log.debug("proposing {} with ballot {}", NodeIds.format(members), ballot);
        sendRound(nowMs);
        maybeAdvance(nowMs);
    }

    private void sendRound(long nowMs) {
        proposal.lastSendMs = nowMs;
        for (long member : proposal.members) {
            if (member == self() || proposal.answered.contains(member)) {
                continue;
            }
            ControlMessage message = switch (proposal.phase) {
                case PREPARE -> new Prepare(self(), proposal.ballot, proposal.members);
                case ACCEPT -> new Accept(self(), proposal.ballot, proposal.clusterKey, proposal.members);
                case COMMIT -> new Commit(self(), proposal.ballot, proposal.clusterKey, proposal.members);
            };
            send(member, message);
        }
    }

    private void send(long nodeId, ControlMessage message) {
        HeartbeatTracker.Peer peer = tracker.peer(nodeId);
        if (peer != null && peer.last != null) {
            transport.send(nodeId, peer.last.endpoints().heartbeat(), message);
        }
    }

    private void progressProposal(long nowMs) {
        if (nowMs - proposal.startedMs > settings.proposalTimeoutMs()) {
            if (proposal.phase != Phase.COMMIT) {
                Set<Long> silent = new HashSet<>();
                for (long member : proposal.members) {
                    if (!proposal.answered.contains(member)) {
                        silent.add(member);
                    }
                }
                log.info("proposal of {} timed out; no answer from {}", NodeIds.format(proposal.members),
                        NodeIds.format(silent.stream().mapToLong(Long::longValue).toArray()));
                suspects = silent;
                suspectsUntilMs = nowMs + settings.quantumMaxMs();
            }
            proposal = null;
            nextProposalMs = nowMs;
            return;
        }
        if (nowMs - proposal.lastSendMs >= settings.retransmitMs()) {
            sendRound(nowMs);
        }
    }

    /** Moves the round to its next phase once every member has answered the current one. */
    private void maybeAdvance(long nowMs) {
        if (proposal == null || proposal.answered.size() < proposal.members.length) {
            return;
        }
        switch (proposal.phase) {
            case PREPARE -> {
                proposal.phase = Phase.ACCEPT;
                proposal.clusterKey = newClusterKey();
            }
            case ACCEPT -> {
                proposal.phase = Phase.COMMIT;
                install(new ClusterView(proposal.clusterKey, proposal.members), nowMs);
            }
            case COMMIT -> {
                proposal = null;
                return;
            }
        }
        proposal.answered.clear();
        proposal.answered.add(self());
        sendRound(nowMs);
        maybeAdvance(nowMs);
    }

    private void abandon(String why, long nowMs) {
        log.debug("proposal abandoned: {}", why);
        proposal = null;
        nextProposalMs = nowMs + settings.retransmitMs();
    }

    private void onPrepare(Prepare prepare, long nowMs) {
        boolean granted = prepare.ballot() > promisedBallot && NodeIds.contains(prepare.members(), self())
                && prepare.from() == NodeIds.max(prepare.members()) && eligibleAlive(prepare.from(), nowMs)
                && NodeIds.compare(prepare.from(), highestEligibleAlive(nowMs)) >= 0;
        if (granted) {
            promisedBallot = prepare.ballot();
            if (proposal != null && proposal.ballot < prepare.ballot()) {
                abandon("a higher principal proposes", nowMs);
            }
        }
        send(prepare.from(), new Promise(self(), prepare.ballot(), granted, promisedBallot));
    }

    private long highestEligibleAlive(long nowMs) {
        long highest = self();
        for (long id : tracker.aliveIds()) {
            if (damper.eligible(id, nowMs)) {
                highest = NodeIds.max(highest, id);
            }
        }
        return highest;
    }

    private void onPromise(Promise promise, long nowMs) {
        if (proposal == null || proposal.phase != Phase.PREPARE || promise.ballot() != proposal.ballot) {
            return;
        }
        if (!promise.granted()) {
            promisedBallot = Math.max(promisedBallot, promise.promisedBallot());
            abandon("refused by " + NodeIds.format(promise.from()), nowMs);
            return;
        }
        proposal.answered.add(promise.from());
        maybeAdvance(nowMs);
    }

    private void onAccept(Accept accept) {
        boolean granted = accept.ballot() == promisedBallot && NodeIds.contains(accept.members(), self());
        send(accept.from(), new Accepted(self(), accept.ballot(), granted));
    }

    private void onAccepted(Accepted accepted, long nowMs) {
        if (proposal == null || proposal.phase != Phase.ACCEPT || accepted.ballot() != proposal.ballot) {
            return;
        }
        if (!accepted.granted()) {
            abandon("accept refused by " + NodeIds.format(accepted.from()), nowMs);
            return;
        }
        proposal.answered.add(accepted.from());
        maybeAdvance(nowMs);
    }

    private void onCommit(Commit commit, long nowMs) {
        if (!NodeIds.contains(commit.members(), self()) || commit.ballot() < promisedBallot) {
            return;
        }
        promisedBallot = commit.ballot();
        if (view == null || view.clusterKey() != commit.clusterKey()) {
            install(new ClusterView(commit.clusterKey(), commit.members()), nowMs);
        }
        send(commit.from(), new CommitAck(self(), commit.ballot()));
    }

    private void onCommitAck(CommitAck ack) {
        if (proposal != null && proposal.phase == Phase.COMMIT && ack.ballot() == proposal.ballot) {
            proposal.answered.add(ack.from());
            if (proposal.answered.size() == proposal.members.length) {
                proposal = null;
            }
        }
    }

    private void install(ClusterView installed, long nowMs) {
        view = installed;
        viewsInstalled++;
        disagreeingSinceMs.clear();
        for (long member : installed.succession()) {
            if (member != self()) {
                damper.admitted(member, nowMs);
            }
        }
        log.info("cluster view {}: {} node(s), key {}", viewsInstalled, installed.size(),
                NodeIds.format(installed.clusterKey()));
        listener.viewInstalled(installed, nowMs);
    }

    private long newClusterKey() {
        long key;
        do {
            key = random.nextLong();
        } while (key == 0);
        return key;
    }

    /** The endpoints this node knows of other members, for {@code peers-clear-std}. */
    public List<Long> knownPeers() {
        return Arrays.stream(tracker.aliveIds()).boxed().toList();
    }
}
