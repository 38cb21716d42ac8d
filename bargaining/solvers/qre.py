r"""Logit quantal response equilibrium: the principal branch, traced from uniform play towards a Nash equilibrium.

Mathematics
-----------
In a logit quantal response equilibrium (McKelvey and Palfrey 1995) every
player plays each pure strategy with probability proportional to the
exponential of its expected payoff, scaled by the precision
:math:`\lambda \ge 0`:

.. math::

    \sigma_i(a) = \frac{\exp(\lambda\, u_i(a, \sigma_{-i}))}{\sum_b \exp(\lambda\, u_i(b, \sigma_{-i}))}.

At :math:`\lambda = 0` the only solution is uniform play. For generic games
the solutions form a smooth one-dimensional manifold, and the branch through
the uniform profile (the *principal branch*) converges, as
:math:`\lambda \to \infty`, to a unique Nash equilibrium: the logit (or
tracing) selection (McKelvey and Palfrey 1995, Theorem 3). The branch can turn
back in :math:`\lambda` (the game ``loopback`` of Gambit's catalogue), so it is
traced by arclength, not by increasing :math:`\lambda` (Turocy 2005).

Homotopy
--------
In the log-probabilities :math:`w_i(a) = \ln \sigma_i(a)` the branch is the
zero set of :math:`H(w, \lambda)`, with, for every player :math:`i`,

.. math::

    w_i(a) - w_i(a_0) - \lambda \bigl(u_i(a, \sigma_{-i}) - u_i(a_0, \sigma_{-i})\bigr) = 0 \ (a \ne a_0),
    \qquad \sum_a e^{w_i(a)} - 1 = 0,

:math:`\sum_i s_i` equations in :math:`\sum_i s_i + 1` unknowns (Turocy 2005,
who also uses log-probabilities, so that strategies whose probability tends to
zero stay well scaled). The curve is followed by a predictor–corrector method
(Allgower and Georg, *Introduction to Numerical Continuation Methods*, 1990,
ch. 2): the tangent is the null vector of the Jacobian (from a QR
factorisation), oriented to agree with the previous one and, at the start, to
increase :math:`\lambda`; an Euler step along it is corrected by Gauss–Newton
iterations with the pseudo-inverse of the Jacobian back onto the curve. A step
is accepted when the corrector converges quickly and the tangent turns by less
than a set angle; otherwise it is halved. Accepted steps lengthen by
``max_accel`` (as in Gambit's ``logit``: first step 0.03, acceleration 1.1).

The trace stops when the regret of the current profile (the largest gain of
any player from a pure deviation) is at most ``maxregret`` times the range of
the payoffs, as Gambit's ``logit_solve`` does, or at ``max_lambda``.

The QRE at given precisions (``at``: the outcome probabilities a table or a
sweep reports at :math:`\lambda = 1, 10, 100`) is found where the branch first
passes each value: from the point interpolated between the two points of the
trace around it, Newton's method on :math:`H(w, \lambda) = 0` with
:math:`\lambda` held fixed (a square system) converges to the branch's point
there. With ``stop_at`` the trace ends once it has passed that precision.
Expected payoffs and their derivatives are tensor contractions (``numpy.einsum``),
for any number of players.

References
----------
R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal form
games", *Games and Economic Behavior* 10 (1995), pp. 6-38.

T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence", *Games and Economic Behavior* 51 (2005),
pp. 243-263.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from bargaining.errors import InputError

__all__ = ["QREPath", "logit_qre"]


@dataclass(frozen=True, kw_only=True)
class QREPath:
    """The principal branch of the logit QRE correspondence, from uniform play to its limit.

    Attributes
    ----------
    players : tuple of str
    strategies : tuple of tuple of str
    lambdas : numpy.ndarray
        The precision :math:`\\lambda` at each point (read-only), starting at 0;
        it may decrease on a backward-bending stretch.
    profiles : tuple of numpy.ndarray
        ``profiles[i][k]`` is player ``i``'s mixed strategy at point ``k`` (read-only).
    outcomes : numpy.ndarray
        ``outcomes[k]`` is the probability of each pure strategy profile at
        point ``k``, of shape ``(points, s_1, ..., s_n)`` (read-only).
    limit : tuple of tuple of float
        The last profile: an approximate Nash equilibrium.
    limit_lambda : float
    limit_regret : float
        The largest gain from a deviation at the last point, in payoff units.
    selected : int or None
        The index, in the exact equilibria compared with, of the equilibrium the
        branch tends to; None if no equilibrium is within ``match_tol``, or none were given.
    selected_distance : float or None
        The largest difference of a probability between the limit and that equilibrium.
    selected_continuum : int or None
        When the limit is no isolated equilibrium but lies on a continuum of
        equilibria (:attr:`bargaining.solvers.nplayer.NashSet.continua`): its
        index. The limit has that continuum's support (probabilities above
        ``match_tol`` exactly there) and regret below the tolerance.
    converged : bool
        The regret criterion was met (not only ``max_lambda`` or ``max_steps``).
    method : str
    exact : bool
        Always False: floating point.
    maxregret : float
        The stopping criterion, relative to the range of the payoffs.
    warnings : tuple of str
    marks : tuple of (float, tuple of numpy.ndarray)
        The branch at each precision asked for (``at``) that it reaches:
        ``(lambda, profiles)``, one mixed strategy per player, in increasing
        order of lambda.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    lambdas: np.ndarray = field(repr=False, compare=False)
    profiles: tuple[np.ndarray, ...] = field(repr=False, compare=False)
    outcomes: np.ndarray = field(repr=False, compare=False)
    limit: tuple[tuple[float, ...], ...]
    limit_lambda: float
    limit_regret: float
    selected: int | None
    selected_distance: float | None
    selected_continuum: int | None = None
    converged: bool
    method: str
    exact: bool
    maxregret: float
    warnings: tuple[str, ...] = ()
    marks: tuple[tuple[float, tuple[np.ndarray, ...]], ...] = field(default=(), repr=False, compare=False)

    def outcome_at(self, lam: float) -> np.ndarray:
        """The probability of each pure profile at the precision ``lam`` (one of ``at``): shape ``(s_1, ..., s_n)``."""
        for value, sigma in self.marks:
            if value == lam:
                return _outcomes(sigma)
        raise InputError(f"the branch was not evaluated at lambda = {lam:g}", where="lambda")

    def mark(self, lam: float) -> tuple[np.ndarray, ...]:
        """Each player's mixed strategy at the precision ``lam`` (one of ``at``)."""
        for value, sigma in self.marks:
            if value == lam:
                return sigma
        raise InputError(f"the branch was not evaluated at lambda = {lam:g}", where="lambda")

    def to_dict(self) -> dict[str, Any]:
        return {
            "players": list(self.players),
            "strategies": {p: list(s) for p, s in zip(self.players, self.strategies)},
            "method": self.method,
            "exact": self.exact,
            "maxregret": self.maxregret,
            "converged": self.converged,
            "limit": {
                p: {s: float(q) for s, q in zip(names, sigma)}
                for p, names, sigma in zip(self.players, self.strategies, self.limit)
            },
            "limit_lambda": self.limit_lambda,
            "limit_regret": self.limit_regret,
            "selected": self.selected,
            "selected_distance": self.selected_distance,
            "selected_continuum": self.selected_continuum,
            "path": {
                "lambda": self.lambdas.tolist(),
                "strategies": {
                    p: {s: self.profiles[i][:, k].tolist() for k, s in enumerate(names)}
                    for i, (p, names) in enumerate(zip(self.players, self.strategies))
                },
            },
            "warnings": list(self.warnings),
            "at": [
                {
                    "lambda": lam,
                    "strategies": {
                        p: {s: float(q) for s, q in zip(names, sig)}
                        for p, names, sig in zip(self.players, self.strategies, sigma)
                    },
                }
                for lam, sigma in self.marks
            ],
        }

    def to_pandas(self):
        """One row per point of the branch: lambda, each probability, each pure outcome's probability."""
        import pandas as pd

        data: dict[str, Any] = {"lambda": self.lambdas}
        for i, (p, names) in enumerate(zip(self.players, self.strategies)):
            for k, s in enumerate(names):
                data[f"{p}: {s}"] = self.profiles[i][:, k]
        for idx in np.ndindex(*self.outcomes.shape[1:]):
            label = "(" + ", ".join(self.strategies[i][k] for i, k in enumerate(idx)) + ")"
            data[f"P{label}"] = self.outcomes[(slice(None),) + idx]
        return pd.DataFrame(data)


# ----------------------------------------------------------------------------- payoffs and derivatives


class _Payoffs:
    """Expected payoffs of pure strategies and their derivatives, by tensor contraction."""

    def __init__(self, U: Sequence[np.ndarray]):
        self.U = [np.asarray(u, dtype=float) for u in U]
        self.n = len(self.U)
        self.letters = string.ascii_lowercase[: self.n]

    def values(self, sigma, i: int) -> np.ndarray:
        """``u_i(a, sigma_{-i})`` for every ``a``."""
        ops = [self.U[i]] + [sigma[j] for j in range(self.n) if j != i]
        subs = [self.letters] + [self.letters[j] for j in range(self.n) if j != i]
        return np.einsum(",".join(subs) + "->" + self.letters[i], *ops)

    def cross(self, sigma, i: int, j: int) -> np.ndarray:
        """``d u_i(a, sigma_{-i}) / d sigma_j(b)``: player i's payoff of ``a`` against ``b`` of player j."""
        keep = [k for k in range(self.n) if k not in (i, j)]
        ops = [self.U[i]] + [sigma[k] for k in keep]
        subs = [self.letters] + [self.letters[k] for k in keep]
        return np.einsum(",".join(subs) + "->" + self.letters[i] + self.letters[j], *ops)

    def regret(self, sigma) -> float:
        out = 0.0
        for i in range(self.n):
            v = self.values(sigma, i)
            out = max(out, float(v.max() - v @ sigma[i]))
        return out


class _Homotopy:
    def __init__(self, P: _Payoffs, shape):
        self.P = P
        self.shape = shape
        self.offsets = np.concatenate([[0], np.cumsum(shape)])
        self.N = int(self.offsets[-1])

    def split(self, w):
        return [np.exp(w[self.offsets[i] : self.offsets[i + 1]]) for i in range(len(self.shape))]

    def H(self, z) -> np.ndarray:
        w, lam = z[:-1], z[-1]
        sigma = self.split(w)
        out = np.empty(self.N)
        for i, s in enumerate(self.shape):
            o = self.offsets[i]
            u = self.P.values(sigma, i)
            out[o : o + s - 1] = w[o + 1 : o + s] - w[o] - lam * (u[1:] - u[0])
            out[o + s - 1] = sigma[i].sum() - 1.0
        return out

    def J(self, z) -> np.ndarray:
        w, lam = z[:-1], z[-1]
        sigma = self.split(w)
        J = np.zeros((self.N, self.N + 1))
        for i, s in enumerate(self.shape):
            o = self.offsets[i]
            u = self.P.values(sigma, i)
            for r in range(s - 1):
                J[o + r, o + r + 1] += 1.0
                J[o + r, o] -= 1.0
            for j, t in enumerate(self.shape):
                if j == i:
                    continue
                C = self.P.cross(sigma, i, j) * sigma[j][None, :]  # d u_i(a) / d w_j(b)
                oj = self.offsets[j]
                J[o : o + s - 1, oj : oj + t] -= lam * (C[1:] - C[0])
            J[o : o + s - 1, -1] = -(u[1:] - u[0])
            J[o + s - 1, o : o + s] = sigma[i]
        return J


def _orientation(J: np.ndarray, t: np.ndarray) -> int:
    """The sign of det [J; t]: it changes where the curve passes a simple bifurcation point
    (Allgower and Georg 1990, section 8.1)."""
    return int(np.sign(np.linalg.det(np.vstack([J, t]))))


def _tangent(J: np.ndarray) -> np.ndarray:
    q, _ = np.linalg.qr(J.T, mode="complete")
    return q[:, -1]


# ----------------------------------------------------------------------------- the tracer


def logit_qre(
    payoffs,
    *,
    players: Sequence[str] | None = None,
    strategies: Sequence[Sequence[str]] | None = None,
    equilibria=None,
    maxregret: float = 1e-8,
    first_step: float = 0.03,
    max_accel: float = 1.1,
    max_lambda: float = 1e9,
    max_steps: int = 20000,
    match_tol: float = 1e-4,
    at: Sequence[float] = (),
    stop_at: float | None = None,
) -> QREPath:
    """Trace the principal branch of the logit QRE correspondence from λ = 0 to its Nash limit.

    Parameters
    ----------
    payoffs : sequence of array_like
        One payoff tensor per player, of shape ``(s_1, ..., s_n)``, as floats.
    players, strategies : optional
        Names (defaults as in :func:`bargaining.solvers.nplayer.nash_equilibria`).
    equilibria : NashSet, optional
        Exact equilibria (:func:`bargaining.solvers.nplayer.nash_equilibria`)
        to identify the limit with; ``selected`` indexes them.
    maxregret : float
        Stop when the regret is at most this times the range of the payoffs.
    first_step, max_accel : float
        The first arclength step and the largest factor by which a step grows.
    max_lambda : float
        Stop here if the regret criterion is not met before.
    max_steps : int
    match_tol : float
        How close (largest probability difference) the limit must be to an
        exact equilibrium to be identified with it.
    at : sequence of float
        Precisions at which to evaluate the branch exactly (``QREPath.marks``);
        the trace goes on at least until it has passed the largest.
    stop_at : float, optional
        End the trace once it has passed this precision (a sweep at one
        lambda needs no more); ``converged`` is then False unless the regret
        criterion was met first.

    Returns
    -------
    QREPath

    Examples
    --------
    In a coordination game with payoffs 2 and 1 the branch selects the
    payoff-dominant equilibrium:

    >>> path = logit_qre([[[2, 0], [0, 1]], [[2, 0], [0, 1]]])
    >>> [[round(p, 6) for p in s] for s in path.limit], path.converged, float(path.lambdas[0])
    ([[1.0, 0.0], [1.0, 0.0]], True, 0.0)

    At a given precision, the branch solved there with lambda held fixed (the
    fixed point of ``p = 1 / (1 + exp(1 - 3 p))`` at lambda = 1):

    >>> path = logit_qre([[[2, 0], [0, 1]], [[2, 0], [0, 1]]], at=[1.0])
    >>> [round(float(q), 6) for q in path.mark(1.0)[0]]
    [0.804154, 0.195846]
    """
    U = _float_payoffs(payoffs)
    shape = U[0].shape
    n = len(shape)
    players = tuple(players) if players is not None else tuple(f"Player {i + 1}" for i in range(n))
    if strategies is None:
        strategies = tuple(tuple(str(k + 1) for k in range(s)) for s in shape)
    strategies = tuple(tuple(s) for s in strategies)
    if len(players) != n or tuple(len(s) for s in strategies) != shape:
        raise InputError("player or strategy names do not match the payoffs' shape", where="strategies")
    P = _Payoffs(U)
    hom = _Homotopy(P, shape)
    span = max(float(u.max() - u.min()) for u in U) or 1.0
    target = maxregret * span

    z = np.concatenate([np.concatenate([np.full(s, -np.log(s)) for s in shape]), [0.0]])
    t = _tangent(hom.J(z))
    if t[-1] < 0:
        t = -t
    points = [z.copy()]
    orientation = _orientation(hom.J(z), t)
    bifurcations: list[float] = []
    h = first_step
    converged = False
    warnings: list[str] = []
    steps = 0
    pending = sorted(float(v) for v in at if v > 0)
    marks: list[tuple[float, tuple[np.ndarray, ...]]] = []
    while steps < max_steps:
        steps += 1
        z_new, ok = _correct(hom, z + h * t, span)
        if ok:
            t_new = _tangent(hom.J(z_new))
            if t_new @ t < 0:
                t_new = -t_new
            cos = float(np.clip(t_new @ t, -1.0, 1.0))
            if cos < np.cos(np.pi / 12) and h > 1e-10:
                ok = False  # the tangent turned too far: a shorter step follows the curve more safely
        if not ok:
            h /= 2
            if h < 1e-12:
                warnings.append(f"the step length fell below 1e-12 at lambda = {z[-1]:.6g}; trace stopped")
                break
            continue
        while pending and z[-1] < pending[0] <= z_new[-1]:
            lam_at = pending.pop(0)
            sigma_at, exact_at = _at_lambda(hom, z, z_new, lam_at, span)
            if not exact_at:
                warnings.append(
                    f"the branch at lambda = {lam_at:g} is interpolated: Newton's method did not converge there"
                )
            marks.append((lam_at, sigma_at))
        z, t = z_new, t_new
        points.append(z.copy())
        o = _orientation(hom.J(z), t)
        if o != orientation:
            bifurcations.append(float(z[-1]))
            orientation = o
        if stop_at is not None and z[-1] >= stop_at and not pending:
            break
        if z[-1] > 0 and not pending and P.regret(hom.split(z[:-1])) <= target:
            converged = True
            break
        if z[-1] >= max_lambda:
            warnings.append(
                f"lambda reached {max_lambda:g} before the regret fell to {maxregret:g} of the payoff range"
            )
            break
        h *= max_accel
    else:
        warnings.append(f"{max_steps} steps taken before the regret criterion was met")

    if bifurcations:
        warnings.append(
            "the branch passes a singular point (a bifurcation) near lambda = "
            + ", ".join(f"{b:.4g}" for b in bifurcations)
            + ": the game is not generic there, other branches meet this one, and the selection is not unique"
        )
    Z = np.array(points)
    lambdas = Z[:, -1].copy()
    profiles = tuple(np.exp(Z[:, hom.offsets[i] : hom.offsets[i + 1]]) for i in range(n))
    profiles = tuple(p / p.sum(axis=1, keepdims=True) for p in profiles)
    letters = string.ascii_lowercase[:n]
    outcomes = np.einsum(",".join("z" + c for c in letters) + "->z" + letters, *profiles)
    if pending:
        warnings.append("the branch did not reach lambda = " + ", ".join(f"{v:g}" for v in pending))
    for _, sigma in marks:
        for arr in sigma:
            arr.setflags(write=False)
    limit_sigma = [p[-1] for p in profiles]
    limit_regret = P.regret(limit_sigma)
    selected = distance = on_continuum = None
    if equilibria is not None:
        dists = [
            max(abs(a - b) for s, d in zip(limit_sigma, e.decimals) for a, b in zip(s, d))
            for e in equilibria.equilibria
        ]
        k = int(np.argmin(dists)) if dists else None
        if k is not None and dists[k] <= match_tol:
            selected, distance = k, float(dists[k])
        else:
            support = tuple(tuple(int(a) for a in np.flatnonzero(s > match_tol)) for s in limit_sigma)
            hits = [c for c, cont in enumerate(equilibria.continua) if cont.support == support]
            if converged and hits:
                on_continuum = hits[0]
            else:
                nearest = f"{dists[k]:.3g}" if dists else "infinitely far"
                warnings.append(f"the limit is {nearest} from the nearest exact equilibrium (tolerance {match_tol:g})")
    for arr in (lambdas, outcomes, *profiles):
        arr.setflags(write=False)
    return QREPath(
        players=players,
        strategies=strategies,
        lambdas=lambdas,
        profiles=profiles,
        outcomes=outcomes,
        limit=tuple(tuple(float(v) for v in s) for s in limit_sigma),
        limit_lambda=float(lambdas[-1]),
        limit_regret=float(limit_regret),
        selected=selected,
        selected_distance=distance,
        selected_continuum=on_continuum,
        converged=converged,
        method="logit QRE principal branch: arclength predictor-corrector in log-probabilities (Turocy 2005)",
        exact=False,
        maxregret=maxregret,
        warnings=tuple(warnings),
        marks=tuple(marks),
    )


def _outcomes(sigma) -> np.ndarray:
    """The probability of every pure profile when the players mix independently."""
    letters = string.ascii_lowercase[: len(sigma)]
    return np.einsum(",".join(letters) + "->" + letters, *sigma)


def _at_lambda(hom: _Homotopy, z0, z1, lam: float, scale: float, iterations: int = 20):
    """The branch's point at ``lam`` between the trace's points ``z0`` and ``z1``: (profiles, converged).

    Newton's method on ``H(w, lam) = 0`` in ``w`` (``lam`` fixed: a square
    system), from the point interpolated between ``z0`` and ``z1``.
    """
    s = (lam - z0[-1]) / (z1[-1] - z0[-1])
    z = z0 + s * (z1 - z0)
    z[-1] = lam
    tol = 1e-12 * max(1.0, lam * scale)
    ok = False
    for _ in range(iterations):
        r = hom.H(z)
        if not np.all(np.isfinite(r)):
            break
        if np.max(np.abs(r)) < tol:
            ok = True
            break
        try:
            dw = np.linalg.solve(hom.J(z)[:, :-1], -r)
        except np.linalg.LinAlgError:
            break
        z = z.copy()
        z[:-1] += dw
    if not ok:
        z = z0 + s * (z1 - z0)
    sigma = hom.split(z[:-1])
    return tuple(p / p.sum() for p in sigma), ok


def _correct(hom: _Homotopy, z, scale: float, iterations: int = 8):
    """Gauss-Newton back onto H = 0 (minimum-norm steps); (point, converged).

    The residual tolerance grows with ``lambda * scale`` (the size of the
    terms ``lambda u`` in H), below which rounding makes smaller residuals
    meaningless.
    """
    tol = 1e-12 * max(1.0, abs(z[-1]) * scale)
    for _ in range(iterations):
        r = hom.H(z)
        if not np.all(np.isfinite(r)):
            return z, False
        if np.max(np.abs(r)) < tol:
            return z, True
        dz = np.linalg.lstsq(hom.J(z), -r, rcond=None)[0]
        z = z + dz
        if np.max(np.abs(dz)) > 1.0:
            return z, False
    r = hom.H(z)
    return z, bool(np.all(np.isfinite(r)) and np.max(np.abs(r)) < tol)


def _float_payoffs(payoffs) -> list[np.ndarray]:
    try:
        U = [np.asarray(u, dtype=float) for u in payoffs]
    except (TypeError, ValueError):
        raise InputError("expected one payoff tensor of numbers per player", where="payoffs") from None
    n = len(U)
    if n < 2:
        raise InputError(f"a game needs at least two players, found {n}", where="payoffs")
    shape = U[0].shape
    for i, u in enumerate(U):
        if u.ndim != n or u.shape != shape:
            raise InputError(
                f"expected shape with {n} indices equal for all players, found {u.shape}", where=f"payoffs[{i}]"
            )
        if not np.all(np.isfinite(u)):
            raise InputError("payoffs must be finite", where=f"payoffs[{i}]")
    if min(shape) < 1:
        raise InputError(f"every player needs a strategy; shape {shape}", where="payoffs")
    return U
