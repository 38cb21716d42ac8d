"""An independent oracle for game trees: brute force on the expanded tree.

Written without :mod:`bargaining.solvers.tree`: every pure strategy profile (a
move at every information set of the expanded tree), every proper subgame
found from its definition (a node whose subtree cuts no information set;
Selten 1965), every pure deviation.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from bargaining.tree import Chance, Decision, GameTree, Terminal

__all__ = ["Oracle"]

F = Fraction


class Oracle:
    """Brute force on the expanded tree."""

    def __init__(self, tree: GameTree):
        self.t = tree.expanded()
        self.nodes = {n.name: n for n in self.t.nodes}
        self.sets: dict[str, tuple[str, tuple[str, ...]]] = {}
        for n in self.t.nodes:
            if isinstance(n, Decision):
                self.sets.setdefault(n.infoset, (n.player, n.labels()))
        self.below = {}
        for n in reversed(self.t.nodes):
            kids = [c for c in _children(n)]
            self.below[n.name] = {n.name}.union(*(self.below[c] for c in kids))
        self.roots = []
        for n in self.t.nodes:
            if isinstance(n, Terminal):
                continue
            if (
                isinstance(n, Decision)
                and sum(1 for m in self.t.nodes if isinstance(m, Decision) and m.infoset == n.infoset) > 1
            ):
                continue
            inside = self.below[n.name]
            if all(
                m.name in inside
                for v in inside
                if isinstance(self.nodes[v], Decision)
                for m in self.t.nodes
                if isinstance(m, Decision) and m.infoset == self.nodes[v].infoset
            ):
                self.roots.append(n.name)

    def value(self, name, beh):
        n = self.nodes[name]
        if isinstance(n, Terminal):
            return n.payoffs
        if isinstance(n, Chance):
            pairs = [(p, c) for _, p, c in n.moves]
        else:
            b = beh[n.infoset]
            pairs = [((F(1) if b == a else F(0)) if isinstance(b, str) else b.get(a, F(0)), c) for a, c in n.moves]
        total = [F(0)] * len(self.t.players)
        for w, c in pairs:
            if w:
                v = self.value(c, beh)
                total = [x + w * y for x, y in zip(total, v)]
        return tuple(total)

    def pure_profiles(self):
        keys = sorted(self.sets)
        for moves in product(*(self.sets[h][1] for h in keys)):
            yield dict(zip(keys, moves))

    def nash_at(self, root, beh) -> bool:
        current = self.value(root, beh)
        inside = {self.nodes[v].infoset for v in self.below[root] if isinstance(self.nodes[v], Decision)}
        for k, p in enumerate(self.t.players):
            mine = sorted(h for h in inside if self.sets[h][0] == p)
            for moves in product(*(self.sets[h][1] for h in mine)):
                trial = {**beh, **dict(zip(mine, moves))}
                if self.value(root, trial)[k] > current[k]:
                    return False
        return True

    def spe(self, beh) -> bool:
        return all(self.nash_at(r, beh) for r in self.roots)


def _children(n):
    if isinstance(n, Decision):
        return [c for _, c in n.moves]
    if isinstance(n, Chance):
        return [c for _, _, c in n.moves]
    return []
