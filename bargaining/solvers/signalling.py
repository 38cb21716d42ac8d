r"""Perfect Bayesian equilibria of signalling games, exactly.

A *signalling game* (Fudenberg and Tirole 1991, sec. 8.2): nature draws the
sender's type :math:`t \in \{t_1, t_2\}` with prior :math:`\pi`; the sender,
knowing its type, sends a message :math:`m`; the receiver sees the message but
not the type and responds with an action :math:`a`; payoffs
:math:`u_S(t, m, a)` and :math:`u_R(t, m, a)`. As a
:class:`~bargaining.tree.GameTree`: a chance root with two moves (the types),
a decision node of the sender after each (each its own information set),
and after each message a node of the receiver, the nodes after the same
message forming one information set, whose moves end the game.

A *perfect Bayesian equilibrium* in pure strategies (Fudenberg and Tirole
1991, def. 8.1) is a sender strategy :math:`s: T \to M`, a receiver strategy
:math:`r: M \to A` and beliefs :math:`\mu(\cdot \mid m)` such that

1. the sender's message is a best reply for each type, given :math:`r`;
2. after each message, :math:`r(m)` maximises the receiver's expected payoff
   under :math:`\mu(\cdot \mid m)`;
3. on the path (a message some type sends), :math:`\mu(\cdot \mid m)` follows
   from the prior by Bayes' rule; off the path it is free.

Every pair :math:`(s, r)` of pure strategies is checked exactly. For a
message off the path the beliefs that make :math:`r(m)` a best reply form an
interval of :math:`\mu(t_1 \mid m)`, the intersection of the linear
conditions :math:`\sum_t \mu(t \mid m)\,(u_R(t, m, r(m)) - u_R(t, m, a')) \ge 0`
over the other actions :math:`a'`; the equilibrium exists when it is not
empty, and it is reported exactly. An equilibrium is *pooling* when both
types send the same message and *separating* when they send different ones.
Equilibria in which a type mixes (semi-separating) are not enumerated.

The intuitive criterion (Cho and Kreps 1987, sec. IV) asks whether the
off-path beliefs are reasonable. Let :math:`u^*(t)` be type :math:`t`'s
equilibrium payoff and, for a message :math:`m` no type sends,
:math:`BR(S, m)` the receiver's best replies to :math:`m` under some belief
concentrated on the types in :math:`S`. A type is *equilibrium-dominated* at
:math:`m` when :math:`u^*(t) > \max_{a \in BR(T, m)} u_S(t, m, a)`: it
loses by sending :math:`m` whatever the receiver reasonably answers. Let
:math:`D(m)` be those types. The equilibrium *fails* the criterion when, for
some off-path :math:`m` with :math:`D(m) \ne T`, a type :math:`t \notin D(m)`
gains by sending :math:`m` even against the receiver's worst reply for it
among those to beliefs on :math:`T \setminus D(m)`:
:math:`u^*(t) < \min_{a \in BR(T \setminus D(m), m)} u_S(t, m, a)`. With
two types and pure replies this is exact arithmetic on the payoffs (a mixed
best reply pays between the pure ones it mixes, so maxima and minima are
reached at pure ones).

The beer–quiche game of Cho and Kreps (1987) has two pooling equilibria of
this kind, on beer (supported by the receiver's belief that a quiche eater is
weak with probability at least 1/2) and on quiche (a beer drinker is weak
with probability at least 1/2), and no separating one. The quiche pooling
fails the intuitive criterion: a weak sender gets 3 in it and at most 2 from
beer, a strong one 2 in it and 3 from beer if not challenged; so beer should
be read as strong, and then the strong sender deviates.

References: D. Fudenberg and J. Tirole, *Game Theory* (MIT Press, 1991), ch. 8;
I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria", Quarterly
Journal of Economics 102 (1987), 179-221.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

from bargaining.errors import InputError
from bargaining.numbers import number_to_json
from bargaining.tree import Chance, Decision, GameTree, Terminal

__all__ = [
    "SignallingGame",
    "IntuitiveCheck",
    "PerfectBayesianEquilibrium",
    "SignallingSolution",
    "signalling_game",
    "perfect_bayesian_equilibria",
    "intuitive_checks",
]


@dataclass(frozen=True, kw_only=True)
class SignallingGame:
    """A two-type signalling game read from a tree.

    Attributes
    ----------
    sender, receiver : str
    types : tuple of str
        The chance moves at the root.
    prior : tuple of Fraction
    messages : tuple of str
    actions : tuple of str
        The receiver's moves (the same after every message).
    u_sender, u_receiver : Mapping
        ``(type, message, action) -> payoff``.
    infosets : Mapping
        ``message -> the receiver's information set``; ``type -> the sender's``.
    terminals : Mapping
        ``(type, message, action) -> terminal node``.
    """

    sender: str
    receiver: str
    types: tuple[str, str]
    prior: tuple[Fraction, Fraction]
    messages: tuple[str, ...]
    actions: tuple[str, ...]
    u_sender: dict
    u_receiver: dict
    infosets: dict
    terminals: dict


@dataclass(frozen=True, kw_only=True)
class IntuitiveCheck:
    """The intuitive criterion (Cho and Kreps 1987) at one message that no type sends in an equilibrium.

    Attributes
    ----------
    message : str
    equilibrium : tuple of (type, payoff)
        Each type's payoff in the equilibrium, :math:`u^*(t)`.
    replies : tuple of str
        The receiver's best replies to the message under some belief.
    best_deviation : tuple of (type, payoff)
        The most each type can get by sending the message, over ``replies``.
    dominated : tuple of str
        The types equilibrium-dominated at the message (they lose by sending
        it whatever the receiver reasonably answers).
    restricted : tuple of str
        The receiver's best replies under beliefs on the other types (empty
        when no type or every type is dominated: then the criterion puts no
        restriction on the belief).
    worst : tuple of (type, payoff)
        For each type that is not dominated, its least payoff from the
        message against ``restricted``.
    breaks : str or None
        A type that gains by the message even so: the equilibrium fails.
    """

    message: str
    equilibrium: tuple[tuple[str, Fraction], ...]
    replies: tuple[str, ...]
    best_deviation: tuple[tuple[str, Fraction], ...]
    dominated: tuple[str, ...]
    restricted: tuple[str, ...] = ()
    worst: tuple[tuple[str, Fraction], ...] = ()
    breaks: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "equilibrium_payoffs": {t: number_to_json(u) for t, u in self.equilibrium},
            "replies": list(self.replies),
            "best_deviation": {t: number_to_json(u) for t, u in self.best_deviation},
            "equilibrium_dominated": list(self.dominated),
            "replies_to_the_others": list(self.restricted),
            "worst_deviation": {t: number_to_json(u) for t, u in self.worst},
            "breaks": self.breaks,
        }


@dataclass(frozen=True, kw_only=True)
class PerfectBayesianEquilibrium:
    """A pure-strategy perfect Bayesian equilibrium of a signalling game.

    Attributes
    ----------
    kind : str
        ``"pooling"`` or ``"separating"``.
    sender : tuple of (type, message)
    receiver : tuple of (message, action)
    beliefs : tuple of (message, (lo, hi), on_path)
        The receiver's belief that the sender is of the first type after each
        message: a single value on the path, the exact interval of supporting
        beliefs off it.
    payoffs : tuple of (type, payoff)
        The sender's payoff by type.
    expected : tuple of Fraction
        The expected payoffs of sender and receiver.
    types : tuple of str
    intuitive : tuple of IntuitiveCheck
        The intuitive criterion at each message no type sends.
    """

    kind: str
    sender: tuple[tuple[str, str], ...]
    receiver: tuple[tuple[str, str], ...]
    beliefs: tuple[tuple[str, tuple[Fraction, Fraction], bool], ...]
    payoffs: tuple[tuple[str, Fraction], ...]
    expected: tuple[Fraction, Fraction]
    types: tuple[str, str]
    players: tuple[str, str]
    intuitive: tuple[IntuitiveCheck, ...] = ()

    @property
    def survives_intuitive(self) -> bool:
        """Whether the equilibrium survives the intuitive criterion (Cho and Kreps 1987)."""
        return all(check.breaks is None for check in self.intuitive)

    def belief(self, message: str) -> tuple[Fraction, Fraction]:
        """``(lo, hi)``: the beliefs ``P(first type | message)`` that support the equilibrium."""
        return next(b for m, b, _ in self.beliefs if m == message)

    def to_dict(self) -> dict[str, Any]:
        first = self.types[0]
        return {
            "kind": self.kind,
            "strategies": {
                self.players[0]: dict(self.sender),
                self.players[1]: dict(self.receiver),
            },
            "beliefs": {
                m: {
                    "on_path": on,
                    f"P({first})": number_to_json(lo) if lo == hi else None,
                    f"P({first}) range": [number_to_json(lo), number_to_json(hi)],
                }
                for m, (lo, hi), on in self.beliefs
            },
            "sender_payoffs": {t: number_to_json(u) for t, u in self.payoffs},
            "payoffs": {p: number_to_json(u) for p, u in zip(self.players, self.expected)},
            "intuitive_criterion": {
                "survives": self.survives_intuitive,
                "checks": [check.to_dict() for check in self.intuitive],
            },
        }


@dataclass(frozen=True, kw_only=True)
class SignallingSolution:
    """Every pure-strategy perfect Bayesian equilibrium of a signalling game, with provenance."""

    game: SignallingGame
    equilibria: tuple[PerfectBayesianEquilibrium, ...]
    method: str = "perfect Bayesian equilibria in pure strategies (every pair of pure strategies, exact beliefs)"
    exact: bool = True
    complete: bool = False
    warnings: tuple[str, ...] = field(
        default=("equilibria in which a type mixes (semi-separating) are not enumerated",)
    )

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        return {
            "sender": g.sender,
            "receiver": g.receiver,
            "types": {t: number_to_json(p) for t, p in zip(g.types, g.prior)},
            "messages": list(g.messages),
            "actions": list(g.actions),
            "perfect_bayesian": [e.to_dict() for e in self.equilibria],
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "warnings": list(self.warnings),
        }


def signalling_game(tree: GameTree) -> SignallingGame:
    """Read the signalling structure of ``tree`` (see the module docstring).

    Raises
    ------
    InputError
        Naming the node where the tree is not a two-type signalling game.
    """
    t = tree.expanded()
    root = t.root
    where = f"node {root.name}"
    if not isinstance(root, Chance) or len(root.moves) != 2:
        raise InputError("a signalling game starts with a chance move over two types", where=where)
    types = tuple(a for a, _, _ in root.moves)
    prior = tuple(p for _, p, _ in root.moves)
    if any(p == 0 for p in prior):
        raise InputError("both types need a positive prior probability", where=where)
    senders = [t.node(c) for _, _, c in root.moves]
    for s in senders:
        if not isinstance(s, Decision):
            raise InputError("after nature's move the sender chooses a message", where=f"node {s.name}")
    if senders[0].player != senders[1].player:
        raise InputError("both types belong to one sender", where=f"node {senders[1].name}")
    if senders[0].infoset == senders[1].infoset:
        raise InputError(
            "the sender knows its type: its two nodes are in different information sets",
            where=f"node {senders[1].name}",
        )
    messages = senders[0].labels()
    if senders[1].labels() != messages:
        raise InputError("both types choose among the same messages", where=f"node {senders[1].name}")
    sender = senders[0].player
    receiver = None
    actions: tuple[str, ...] = ()
    u_s, u_r, infosets, terminals = {}, {}, {}, {}
    for ty, s in zip(types, senders):
        infosets[ty] = s.infoset
        for m, child in s.moves:
            node = t.node(child)
            if not isinstance(node, Decision) or node.player == sender:
                raise InputError("after a message the receiver responds", where=f"node {child}")
            if receiver is None:
                receiver, actions = node.player, node.labels()
            if node.player != receiver or node.labels() != actions:
                raise InputError(
                    "one receiver responds after every message, with the same actions", where=f"node {child}"
                )
            if infosets.setdefault(("message", m), node.infoset) != node.infoset:
                raise InputError(
                    f"the receiver does not see the type: the nodes after message {m!r} form one information set",
                    where=f"node {child}",
                )
            for a, leaf in node.moves:
                end = t.node(leaf)
                if not isinstance(end, Terminal):
                    raise InputError("the receiver's response ends the game", where=f"node {leaf}")
                pay = dict(zip(t.players, end.payoffs))
                u_s[(ty, m, a)] = pay[sender]
                u_r[(ty, m, a)] = pay[receiver]
                terminals[(ty, m, a)] = end.name
    if len(set(infosets[("message", m)] for m in messages)) != len(messages):
        raise InputError("the receiver sees the message: each message has its own information set", where=where)
    return SignallingGame(
        sender=sender,
        receiver=receiver,
        types=types,
        prior=prior,
        messages=messages,
        actions=actions,
        u_sender=u_s,
        u_receiver=u_r,
        infosets={k if isinstance(k, str) else k[1]: v for k, v in infosets.items()},
        terminals=terminals,
    )


def _interval(g: SignallingGame, m: str, a: str) -> tuple[Fraction, Fraction] | None:
    """Beliefs ``q = P(first type | m)`` in [0, 1] under which ``a`` is a best reply to ``m``; None if none."""
    t1, t2 = g.types
    lo, hi = Fraction(0), Fraction(1)
    for b in g.actions:
        if b == a:
            continue
        d1 = g.u_receiver[(t1, m, a)] - g.u_receiver[(t1, m, b)]
        d2 = g.u_receiver[(t2, m, a)] - g.u_receiver[(t2, m, b)]
        # q*d1 + (1 - q)*d2 >= 0, i.e. d2 + q*(d1 - d2) >= 0
        slope = d1 - d2
        if slope > 0:
            lo = max(lo, -d2 / slope)
        elif slope < 0:
            hi = min(hi, -d2 / slope)
        elif d2 < 0:
            return None
    return (lo, hi) if lo <= hi else None


def perfect_bayesian_equilibria(tree: GameTree) -> SignallingSolution:
    """Every pure-strategy perfect Bayesian equilibrium of a two-type signalling game.

    Examples
    --------
    Beer–quiche (Cho and Kreps 1987): the sender is strong with probability
    9/10; strong senders like beer, weak ones quiche (1 each); each gets 2
    more if the receiver does not duel; the receiver gains 1 by duelling a
    weak sender or by not duelling a strong one.

    >>> from bargaining.tree import chance, decision, terminal
    >>> nodes = [chance("nature", {"weak": ("1/10", "w"), "strong": ("9/10", "s")})]
    >>> for ty, likes in (("weak", "quiche"), ("strong", "beer")):
    ...     nodes.append(decision(ty[0], "Sender", {"beer": ty[0] + "B", "quiche": ty[0] + "Q"}))
    ...     for m in ("beer", "quiche"):
    ...         node = ty[0] + m[0].upper()
    ...         nodes.append(decision(node, "Receiver", {"duel": node + "d", "not": node + "n"}, infoset=m))
    ...         bonus = 1 if m == likes else 0
    ...         good = 1 if ty == "weak" else 0
    ...         nodes += [terminal(node + "d", [bonus, good]), terminal(node + "n", [bonus + 2, 1 - good])]
    >>> pbe = perfect_bayesian_equilibria(GameTree.build(["Sender", "Receiver"], nodes))
    >>> def off_path(e):
    ...     return "quiche" if dict(e.sender)["weak"] == "beer" else "beer"
    >>> [(e.kind, dict(e.sender)["weak"], [str(q) for q in e.belief(off_path(e))]) for e in pbe.equilibria]
    [('pooling', 'beer', ['1/2', '1']), ('pooling', 'quiche', ['1/2', '1'])]
    """
    g = signalling_game(tree)
    t1, t2 = g.types
    out = []
    for sent in product(g.messages, repeat=2):
        s = dict(zip(g.types, sent))
        for responses in product(g.actions, repeat=len(g.messages)):
            r = dict(zip(g.messages, responses))
            beliefs = []
            ok = True
            for m in g.messages:
                senders = [ty for ty in g.types if s[ty] == m]
                if senders:
                    weight = sum(g.prior[g.types.index(ty)] for ty in senders)
                    q = g.prior[0] / weight if t1 in senders else Fraction(0)
                    value = {a: q * g.u_receiver[(t1, m, a)] + (1 - q) * g.u_receiver[(t2, m, a)] for a in g.actions}
                    if value[r[m]] < max(value.values()):
                        ok = False
                        break
                    beliefs.append((m, (q, q), True))
                else:
                    span = _interval(g, m, r[m])
                    if span is None:
                        ok = False
                        break
                    beliefs.append((m, span, False))
            if not ok:
                continue
            if any(
                g.u_sender[(ty, s[ty], r[s[ty]])] < max(g.u_sender[(ty, m, r[m])] for m in g.messages) for ty in g.types
            ):
                continue
            pay = tuple((ty, g.u_sender[(ty, s[ty], r[s[ty]])]) for ty in g.types)
            expected = (
                sum(g.prior[k] * g.u_sender[(ty, s[ty], r[s[ty]])] for k, ty in enumerate(g.types)),
                sum(g.prior[k] * g.u_receiver[(ty, s[ty], r[s[ty]])] for k, ty in enumerate(g.types)),
            )
            out.append(
                PerfectBayesianEquilibrium(
                    intuitive=intuitive_checks(g, s, dict(pay)),
                    kind="pooling" if s[t1] == s[t2] else "separating",
                    sender=tuple(s.items()),
                    receiver=tuple(r.items()),
                    beliefs=tuple(beliefs),
                    payoffs=pay,
                    expected=expected,
                    types=g.types,
                    players=(g.sender, g.receiver),
                )
            )
    return SignallingSolution(game=g, equilibria=tuple(out))


def _replies(g: SignallingGame, m: str, q: Fraction | None = None) -> tuple[str, ...]:
    """The receiver's best replies to ``m``: under the belief ``P(first type) = q``, or under some belief."""
    if q is None:
        return tuple(a for a in g.actions if _interval(g, m, a) is not None)
    t1, t2 = g.types
    value = {a: q * g.u_receiver[(t1, m, a)] + (1 - q) * g.u_receiver[(t2, m, a)] for a in g.actions}
    top = max(value.values())
    return tuple(a for a in g.actions if value[a] == top)


def intuitive_checks(g: SignallingGame, sent, equilibrium) -> tuple[IntuitiveCheck, ...]:
    """The intuitive criterion at each message no type sends (see the module docstring).

    Parameters
    ----------
    g : SignallingGame
    sent : Mapping
        ``type -> message`` in the equilibrium.
    equilibrium : Mapping
        ``type -> payoff`` in the equilibrium.

    Examples
    --------
    Beer–quiche pooled on quiche: beer is off the path; the weak type is
    equilibrium-dominated there, the strong one is not and gains when the
    receiver, believing it strong, does not duel.

    >>> from bargaining.tree import chance, decision, terminal
    >>> nodes = [chance("nature", {"weak": ("1/10", "w"), "strong": ("9/10", "s")})]
    >>> for ty, likes in (("weak", "quiche"), ("strong", "beer")):
    ...     nodes.append(decision(ty[0], "Sender", {"beer": ty[0] + "B", "quiche": ty[0] + "Q"}))
    ...     for m in ("beer", "quiche"):
    ...         node = ty[0] + m[0].upper()
    ...         nodes.append(decision(node, "Receiver", {"duel": node + "d", "not": node + "n"}, infoset=m))
    ...         bonus = 1 if m == likes else 0
    ...         good = 1 if ty == "weak" else 0
    ...         nodes += [terminal(node + "d", [bonus, good]), terminal(node + "n", [bonus + 2, 1 - good])]
    >>> g = signalling_game(GameTree.build(["Sender", "Receiver"], nodes))
    >>> (check,) = intuitive_checks(g, {"weak": "quiche", "strong": "quiche"}, {"weak": 3, "strong": 2})
    >>> check.message, check.dominated, check.restricted, check.breaks
    ('beer', ('weak',), ('not',), 'strong')
    """
    out = []
    used = set(sent.values())
    for m in g.messages:
        if m in used:
            continue
        replies = _replies(g, m)
        best = {t: max(g.u_sender[(t, m, a)] for a in replies) for t in g.types}
        dominated = tuple(t for t in g.types if Fraction(equilibrium[t]) > best[t])
        restricted: tuple[str, ...] = ()
        worst: dict[str, Fraction] = {}
        breaks = None
        if 0 < len(dominated) < len(g.types):
            (rest,) = [t for t in g.types if t not in dominated]
            restricted = _replies(g, m, Fraction(1) if rest == g.types[0] else Fraction(0))
            worst = {rest: min(g.u_sender[(rest, m, a)] for a in restricted)}
            if Fraction(equilibrium[rest]) < worst[rest]:
                breaks = rest
        out.append(IntuitiveCheck(
            message=m,
            equilibrium=tuple((t, Fraction(equilibrium[t])) for t in g.types),
            replies=replies,
            best_deviation=tuple(best.items()),
            dominated=dominated,
            restricted=restricted,
            worst=tuple(worst.items()),
            breaks=breaks,
        ))
    return tuple(out)
