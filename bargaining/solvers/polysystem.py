r"""Real solutions of polynomial systems with rational coefficients: exact, complete, certified.

Used by :mod:`bargaining.solvers.nplayer` for the indifference equations of
each support profile, but it knows nothing about games.

Mathematics
-----------
Let :math:`I = \langle f_1, \dots, f_k \rangle \subseteq \mathbb{Q}[x_1, \dots, x_n]`.

*Gröbner bases.* A reduced Gröbner basis :math:`G` of :math:`I` for a monomial
order decides membership and gives normal forms; its leading monomials decide
the dimension of :math:`V(I)`: :math:`\dim V(I)` is the largest size of a set
:math:`U` of variables such that no leading monomial involves only variables
of :math:`U` (a *maximal independent set*), and :math:`V(I)` is finite
(:math:`I` is *zero-dimensional*) exactly when each variable has a pure power
among the leading monomials (Cox, Little and O'Shea, *Ideals, Varieties, and
Algorithms*, 4th ed., 2015, ch. 5 §3 and ch. 9 §3; Becker and Weispfenning,
*Gröbner Bases*, 1993, §9.3). Bases are computed with FLINT's Buchberger
implementation (``fmpz_mpoly_buchberger_naive``, then ``autoreduction``).

*Zero-dimensional systems.* The quotient :math:`A = \mathbb{Q}[x]/I` is then a
vector space of finite dimension :math:`D`, with the standard monomials (those
not divisible by any leading monomial) as basis, and multiplication by
:math:`x_j` is a :math:`D \times D` rational matrix :math:`M_j`. The
eigenvalues of :math:`M_j` are the :math:`x_j`-coordinates of the complex
points of :math:`V(I)` (Stickelberger's theorem; Cox, Little and O'Shea,
*Using Algebraic Geometry*, 2nd ed., 2005, ch. 2 §4), so its characteristic
polynomial :math:`\chi_j` vanishes on them and its squarefree part lies in
:math:`\sqrt I`. Adding those squarefree parts gives the radical :math:`\sqrt I`
(Seidenberg's lemma; Kreuzer and Robbiano, *Computational Commutative Algebra
1*, 2000, Cor. 3.7.16), for which :math:`D` is the number of complex points.
A linear form :math:`t = \sum c_j x_j` *separates* the points when its
characteristic polynomial :math:`\chi_t` is squarefree; then
:math:`1, t, \dots, t^{D-1}` is a basis of :math:`A \cong \mathbb{Q}[T]/\chi_t`
and every coordinate is a polynomial in :math:`t`: :math:`x_j = g_j(t)`, found
by one exact linear solve. This is a *rational univariate representation*
(Rouillier, "Solving zero-dimensional systems through the rational univariate
representation", AAECC 9, 1999). Each irreducible factor :math:`P` of
:math:`\chi_t` over :math:`\mathbb{Q}` and each real root :math:`\theta` of it
gives one real point :math:`(g_1(\theta), \dots, g_n(\theta))` with coordinates
in the number field :math:`\mathbb{Q}(\theta)`
(:class:`~bargaining.solvers.algebraic.NumberField`); the nonreal roots give the
nonreal points. Nothing here is approximate: real roots are isolated with
certified enclosures and every later sign is proved.

*Positive-dimensional systems.* If :math:`\dim V(I) = d > 0` with maximal
independent set :math:`U`, let :math:`G` be a Gröbner basis for the
lexicographic order with the other variables :math:`X` before :math:`U`, and
:math:`h \in \mathbb{Q}[U]` the product of the leading coefficients of its
elements as polynomials in :math:`X`. Then :math:`G` is a Gröbner basis of
:math:`I` over the field :math:`\mathbb{Q}(U)`, that extension is
zero-dimensional, and

.. math:: V(I) = V(I : h^\infty) \cup V(I + \langle h \rangle),

where :math:`V(I : h^\infty)` is the union of the :math:`d`-dimensional
components on which :math:`U` is free, finitely many points over each generic
value of :math:`U` (Becker and Weispfenning 1993, Prop. 8.95; Gianni, Trager
and Zacharias, "Gröbner bases and primary decomposition of polynomial
ideals", J. Symbolic Comput. 6, 1988). The first part is returned as a
:class:`Piece` (its points over a rational value of :math:`U` with
:math:`h \ne 0` are found by specialising and solving a zero-dimensional
system); the second is decomposed again. The recursion ends because
:math:`h \notin I` strictly enlarges the ideal. So every point of
:math:`V(I)` is either one of the finitely many isolated points returned or lies
on a returned piece; none is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import combinations
from math import lcm
from typing import Mapping, Sequence

from bargaining.solvers.algebraic import NumberField, RealAlgebraic, _fmpq, _fraction, _isolate, _primitive

__all__ = [
    "Polynomial",
    "RealPoint",
    "Piece",
    "Decomposition",
    "groebner",
    "dimension",
    "real_solutions",
    "decompose",
]

#: A polynomial as ``{exponent tuple: rational coefficient}``.
Polynomial = Mapping[tuple[int, ...], Fraction | int]


@lru_cache(maxsize=None)
def _ctx(nvars: int, order: str):
    import flint

    return flint.fmpz_mpoly_ctx.get(tuple(f"x{k}" for k in range(nvars)), order)


def _to_flint(poly: Polynomial, ctx):
    if not poly:
        return ctx.from_dict({})
    den = lcm(*(Fraction(c).denominator for c in poly.values()))
    return ctx.from_dict({tuple(e): int(Fraction(c) * den) for e, c in poly.items() if c != 0})


def _from_flint(p) -> dict[tuple[int, ...], Fraction]:
    return {tuple(int(v) for v in e): Fraction(int(c)) for e, c in zip(p.monoms(), p.coeffs())}


def _permute(poly: Polynomial, perm: Sequence[int]) -> dict:
    """Rename variable ``perm[k]`` to ``k``."""
    return {tuple(e[p] for p in perm): c for e, c in poly.items()}


def _unpermute(poly: Polynomial, perm: Sequence[int]) -> dict:
    out = {}
    for e, c in poly.items():
        f = [0] * len(perm)
        for k, p in enumerate(perm):
            f[p] = e[k]
        out[tuple(f)] = c
    return out


def groebner(polys: Sequence[Polynomial], nvars: int, order: str = "degrevlex") -> list[dict]:
    """The reduced Gröbner basis (primitive integer coefficients), leading term first in each.

    Parameters
    ----------
    polys : sequence of Polynomial
    nvars : int
    order : {"degrevlex", "lex"}
        The monomial order; variable 0 is the largest.

    Returns
    -------
    list of dict
        ``[{(0, ..., 0): 1}]`` when the system has no solution; ``[]`` for the zero ideal.

    Examples
    --------
    >>> groebner([{(1, 1): 1, (0, 0): -1}, {(1, 0): 1, (0, 1): -1}], 2)  # xy - 1, x - y
    [{(1, 0): Fraction(1, 1), (0, 1): Fraction(-1, 1)}, {(0, 2): Fraction(1, 1), (0, 0): Fraction(-1, 1)}]
    """
    import flint

    ctx = _ctx(nvars, order)
    gens = [_to_flint(p, ctx) for p in polys]
    gens = [g for g in gens if not g.is_zero()]
    if not gens:
        return []
    if nvars == 0 or any(g.is_constant() for g in gens):
        return [{(0,) * nvars: Fraction(1)}]
    basis = flint.fmpz_mpoly_vec(gens, ctx).buchberger_naive().autoreduction()
    out = [_from_flint(basis[k]) for k in range(len(basis))]
    out = [p for p in out if p]
    if any(len(p) == 1 and next(iter(p)) == (0,) * nvars for p in out):
        return [{(0,) * nvars: Fraction(1)}]
    return out


def _leading(basis: Sequence[dict]) -> list[tuple[int, ...]]:
    return [next(iter(p)) for p in basis]  # flint lists terms leading first


def _is_unit(basis: Sequence[dict], nvars: int) -> bool:
    return len(basis) == 1 and set(basis[0]) == {(0,) * nvars}


def dimension(basis: Sequence[dict], nvars: int) -> tuple[int, tuple[int, ...]]:
    """The dimension of the solution set and a maximal independent set of variables.

    ``basis`` must be a Gröbner basis of a proper ideal; returns ``(-1, ())`` for
    the unit ideal (no solutions).
    """
    if _is_unit(basis, nvars):
        return -1, ()
    supports = [frozenset(k for k, v in enumerate(m) if v) for m in _leading(basis)]
    for size in range(nvars, -1, -1):
        for U in combinations(range(nvars), size):
            us = set(U)
            if not any(s <= us for s in supports):
                return size, U
    return 0, ()  # pragma: no cover (the empty set is always independent for a proper ideal)


@dataclass(frozen=True)
class RealPoint:
    """A real solution: every coordinate an element of one real number field.

    Attributes
    ----------
    field : NumberField
        :math:`\\mathbb{Q}(\\theta)`; of degree 1 for a rational point.
    coords : tuple
        The coordinates: Fractions for a rational point, else
        :class:`~bargaining.solvers.algebraic.FieldElement` of ``field``.
    """

    field: NumberField
    coords: tuple

    @property
    def rational(self) -> bool:
        return self.field.degree == 1

    def values(self) -> tuple:
        """The coordinates as numbers: Fraction or RealAlgebraic."""
        return tuple(c if isinstance(c, Fraction) else c.value() for c in self.coords)


_Q = NumberField((0, 1), Fraction(0))


def _standard_monomials(lms: Sequence[tuple[int, ...]], nvars: int) -> list[tuple[int, ...]]:
    def standard(m):
        return not any(all(a >= b for a, b in zip(m, lm)) for lm in lms)

    out, frontier, seen = [], [(0,) * nvars], {(0,) * nvars}
    while frontier:
        m = frontier.pop()
        if not standard(m):
            continue
        out.append(m)
        for k in range(nvars):
            n = m[:k] + (m[k] + 1,) + m[k + 1:]
            if n not in seen:
                seen.add(n)
                frontier.append(n)
    return sorted(out)


class _Quotient:
    """The algebra Q[x]/I of a zero-dimensional ideal: normal forms and multiplication matrices."""

    def __init__(self, basis: list[dict], nvars: int):
        self.basis = basis
        self.nvars = nvars
        self.lms = _leading(basis)
        self.std = _standard_monomials(self.lms, nvars)
        self.index = {m: k for k, m in enumerate(self.std)}
        self.D = len(self.std)
        self._memo: dict[tuple[int, ...], dict[int, Fraction]] = {}
        self._tails = []
        for p, lm in zip(basis, self.lms):
            lc = p[lm]
            self._tails.append([(e, -Fraction(c) / lc) for e, c in p.items() if e != lm])

    def normal_form(self, m: tuple[int, ...]) -> dict[int, Fraction]:
        """Coordinates of the normal form of the monomial ``m`` in the standard basis."""
        todo = [m]
        while todo:
            cur = todo[-1]
            if cur in self._memo:
                todo.pop()
                continue
            if cur in self.index:
                self._memo[cur] = {self.index[cur]: Fraction(1)}
                todo.pop()
                continue
            k = next(k for k, lm in enumerate(self.lms) if all(a >= b for a, b in zip(cur, lm)))
            shift = tuple(a - b for a, b in zip(cur, self.lms[k]))
            terms = [(tuple(s + e for s, e in zip(shift, ex)), c) for ex, c in self._tails[k]]
            missing = [t for t, _ in terms if t not in self._memo]
            if missing:
                todo.extend(missing)
                continue
            acc: dict[int, Fraction] = {}
            for t, c in terms:
                for j, v in self._memo[t].items():
                    acc[j] = acc.get(j, 0) + c * v
            self._memo[cur] = {j: v for j, v in acc.items() if v != 0}
            todo.pop()
        return self._memo[m]

    def matrix(self, var: int):
        """The matrix of multiplication by ``x_var`` (columns: images of the standard monomials)."""
        import flint

        M = flint.fmpq_mat(self.D, self.D)
        for j, m in enumerate(self.std):
            n = m[:var] + (m[var] + 1,) + m[var + 1:]
            for i, v in self.normal_form(n).items():
                M[i, j] = _fmpq(v)
        return M


def _charpoly_squarefree(M):
    chi = M.charpoly()
    g = chi.gcd(chi.derivative())
    return chi, g.degree() == 0


def _univariate(poly, var: int, nvars: int) -> dict:
    """The univariate fmpq_poly ``poly`` as a polynomial in ``x_var``."""
    out = {}
    for k, c in enumerate(poly.coeffs()):
        c = _fraction(c)
        if c:
            e = [0] * nvars
            e[var] = k
            out[tuple(e)] = c
    return out


def _separators(nvars: int):
    for k in range(nvars):
        yield tuple(1 if j == k else 0 for j in range(nvars))
    j = 2
    while True:
        yield tuple(j**k for k in range(nvars))
        j += 1


def real_solutions(polys: Sequence[Polynomial], nvars: int, *, reduced_basis: bool = False) -> list[RealPoint]:
    """Every real solution of a system with finitely many complex solutions, exactly.

    Parameters
    ----------
    polys : sequence of Polynomial
    nvars : int
    reduced_basis : bool
        ``polys`` already is the reduced degrevlex Gröbner basis (from :func:`groebner`).

    Returns
    -------
    list of RealPoint
        Distinct points, rational ones first, then by the field they generate.

    Raises
    ------
    ValueError
        If the system has infinitely many complex solutions (use :func:`decompose`).

    Examples
    --------
    >>> pts = real_solutions([{(2, 0): 1, (0, 0): -2}, {(1, 0): 1, (0, 1): -1}], 2)  # x^2 = 2, y = x
    >>> [tuple(str(v) for v in p.values()) for p in pts]
    [('-sqrt(2)', '-sqrt(2)'), ('sqrt(2)', 'sqrt(2)')]
    """
    import flint

    basis = list(polys) if reduced_basis else groebner(polys, nvars)
    if _is_unit(basis, nvars):
        return []
    d, _ = dimension(basis, nvars)
    if d != 0:
        raise ValueError(f"the system has a {d}-dimensional solution set")
    if nvars == 0:
        return [RealPoint(_Q, ())]
    Q = _Quotient(basis, nvars)
    mats = [Q.matrix(k) for k in range(nvars)]
    extra = []
    for k, M in enumerate(mats):
        chi, squarefree = _charpoly_squarefree(M)
        if not squarefree:
            extra.append(_univariate(chi / chi.gcd(chi.derivative()), k, nvars))
    if extra:
        basis = groebner(list(basis) + extra, nvars)
        Q = _Quotient(basis, nvars)
        mats = [Q.matrix(k) for k in range(nvars)]
    D = Q.D
    one = Q.index[(0,) * nvars]
    e = flint.fmpq_mat(D, 1)
    e[one, 0] = 1
    for c in _separators(nvars):
        Mt = flint.fmpq_mat(D, D)
        for k, M in enumerate(mats):
            if c[k]:
                Mt += M * c[k]
        chi, squarefree = _charpoly_squarefree(Mt)
        if squarefree:
            break
    # Krylov basis 1, t, ..., t^(D-1) of the quotient; each coordinate x_k = g_k(t)
    cols = [e]
    for _ in range(D - 1):
        cols.append(Mt * cols[-1])
    K = flint.fmpq_mat(D, D)
    for j, col in enumerate(cols):
        for i in range(D):
            K[i, j] = col[i, 0]
    g = []
    for M in mats:
        sol = K.solve(M * e)
        g.append(flint.fmpq_poly([sol[i, 0] for i in range(D)]))
    points = []
    _, factors = chi.factor()
    for P, _m in sorted(factors, key=lambda f: (f[0].degree(), str(f[0]))):
        coeffs = _primitive([_fraction(c) for c in P.coeffs()])
        if len(coeffs) == 2:
            r = Fraction(-coeffs[0], coeffs[1])
            points.append(RealPoint(_Q, tuple(_fraction(gk(_fmpq(r))) for gk in g)))
            continue
        for k, (lo, hi) in enumerate(_isolate(coeffs)):
            field_ = NumberField(coeffs, RealAlgebraic(coeffs, k, lo, hi))
            points.append(RealPoint(field_, tuple(field_.element(gk) for gk in g)))
    return points


@dataclass(frozen=True)
class Piece:
    r"""The :math:`d`-dimensional part of a solution set on which the variables ``free`` are parameters.

    Attributes
    ----------
    dimension : int
    free : tuple of int
        A maximal independent set :math:`U` of variables.
    generators : tuple of Polynomial
        Generators of the ideal whose solution set this piece is part of.
    basis : tuple of Polynomial
        Its lexicographic Gröbner basis, the other variables before ``free``.
    h : Polynomial
        The product of the leading coefficients (a polynomial in ``free``): the
        piece is the closure of the solutions with :math:`h \ne 0`.
    nvars : int
    """

    dimension: int
    free: tuple[int, ...]
    generators: tuple
    basis: tuple
    h: dict
    nvars: int

    def specialise(self, values: Sequence[Fraction]) -> list[RealPoint] | None:
        """The real points of the piece over ``free = values`` (all coordinates); None if ``h`` vanishes there."""
        values = [Fraction(v) for v in values]
        if _evaluate(self.h, dict(zip(self.free, values))) == 0:
            return None
        rest = [k for k in range(self.nvars) if k not in self.free]
        fixed = dict(zip(self.free, values))
        polys = []
        for p in self.generators:
            q: dict = {}
            for e, c in p.items():
                coeff = Fraction(c)
                for k, v in fixed.items():
                    coeff *= v ** e[k]
                key = tuple(e[k] for k in rest)
                q[key] = q.get(key, 0) + coeff
            polys.append({k: v for k, v in q.items() if v != 0})
        try:
            sub = real_solutions(polys, len(rest))
        except ValueError:
            return None
        out = []
        for pt in sub:
            coords: list = [None] * self.nvars
            for k, v in fixed.items():
                coords[k] = v if pt.rational else pt.field.element([v])
            for k, c in zip(rest, pt.coords):
                coords[k] = c
            out.append(RealPoint(pt.field, tuple(coords)))
        return out


def _evaluate(poly: Polynomial, values: Mapping[int, Fraction]) -> Fraction:
    total = Fraction(0)
    for e, c in poly.items():
        term = Fraction(c)
        for k, v in enumerate(e):
            if v:
                term *= values[k] ** v
        total += term
    return total


@dataclass(frozen=True)
class Decomposition:
    """The real solutions of a system: isolated candidates and positive-dimensional pieces.

    Every real solution is one of ``points`` or lies on one of ``pieces``; a
    point may also lie on a piece of higher dimension.
    """

    points: tuple[RealPoint, ...]
    pieces: tuple[Piece, ...]


def decompose(polys: Sequence[Polynomial], nvars: int) -> Decomposition:
    """Split the solution set into finitely many points and positive-dimensional pieces.

    Examples
    --------
    >>> d = decompose([{(1, 1): 1, (1, 0): -1}, {(1, 0): 1, (0, 0): -1}], 2)  # x y - x = 0, x = 1
    >>> [p.values() for p in d.points], d.pieces
    ([(Fraction(1, 1), Fraction(1, 1))], ())
    >>> d = decompose([{(1, 1): 1, (1, 0): -1}], 2)  # x (y - 1) = 0: two lines
    >>> sorted((p.dimension, p.free) for p in d.pieces)
    [(1, (0,)), (1, (1,))]
    """
    points: list[RealPoint] = []
    pieces: list[Piece] = []
    stack = [list(polys)]
    while stack:
        F = stack.pop()
        basis = groebner(F, nvars)
        d, U = dimension(basis, nvars)
        if d < 0:
            continue
        if d == 0:
            points.extend(real_solutions(basis, nvars, reduced_basis=True))
            continue
        perm = [k for k in range(nvars) if k not in U] + list(U)
        lex = groebner([_permute(p, perm) for p in basis], nvars, order="lex")
        nx = nvars - len(U)
        h: dict = {(0,) * nvars: Fraction(1)}
        seen = set()
        for p in lex:
            lead_x = max(e[:nx] for e in p)  # lex order on the X block
            lc = {e[nx:]: c for e, c in p.items() if e[:nx] == lead_x}
            key = tuple(sorted(lc.items()))
            if all(sum(e) == 0 for e in lc) or key in seen:
                continue
            seen.add(key)
            h = _multiply(h, {(0,) * nx + e: c for e, c in lc.items()})
        h_orig = _unpermute(h, perm)
        pieces.append(
            Piece(
                dimension=d,
                free=tuple(U),
                generators=tuple(basis),
                basis=tuple(_unpermute(p, perm) for p in lex),
                h=h_orig,
                nvars=nvars,
            )
        )
        if any(sum(e) for e in h_orig):
            stack.append(list(basis) + [h_orig])
    return Decomposition(tuple(points), tuple(pieces))


def _multiply(p: dict, q: dict) -> dict:
    out: dict = {}
    for e, a in p.items():
        for f, b in q.items():
            k = tuple(x + y for x, y in zip(e, f))
            out[k] = out.get(k, 0) + Fraction(a) * b
    return {k: v for k, v in out.items() if v != 0}
