"""PageRank by power iteration, computed exactly as ``networkx.pagerank`` computes it.

The same iteration, start vector, dangling-node rule and stopping test as networkx 3's
``_pagerank_scipy`` (which textrank4zh calls), on a weight matrix instead of a graph object, so
the scores agree with textrank4zh's to rounding error without building a networkx graph.
"""

from __future__ import annotations

import logging

import numpy as np
import numpy.typing as npt
import scipy.sparse

logger = logging.getLogger(__name__)

#: Damping factor (networkx's ``alpha``), textrank4zh's default.
DAMPING = 0.85
#: Convergence tolerance per node (networkx's ``tol``): stop when the L1 change < N * TOLERANCE.
TOLERANCE = 1.0e-6
#: Iteration cap (networkx's ``max_iter``). On an undirected graph the error shrinks by at least
#: the damping factor per step, so 100 steps always reach the tolerance.
MAX_ITERATIONS = 100
#: Graphs up to this many nodes are iterated as dense matrices (BLAS stays single-threaded at this
#: size), larger ones as sparse matrices.
DENSE_NODES = 200
#: Power-iteration steps taken between convergence tests (each step is still tested, afterwards).
CHUNK = 8

FloatArray = npt.NDArray[np.float64]
WeightMatrix = FloatArray | scipy.sparse.csr_array


def pagerank(
    weights: WeightMatrix,
    *,
    damping: float = DAMPING,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> FloatArray:
    """PageRank of the nodes of a weighted graph given as a square (dense or CSR) weight matrix.

    ``weights[i, j] == weights[j, i]`` is the weight of the edge between ``i`` and ``j`` (TextRank's
    graphs are undirected; the diagonal holds self-loops). The random jump is uniform, and dangling
    nodes (without edges) jump uniformly too, as in networkx. Returns scores that sum to 1.
    """
    size = weights.shape[0]
    if size == 0:
        return np.zeros(0)
    out_weight = np.asarray(weights.sum(axis=1), dtype=np.float64).ravel()
    dangling = np.flatnonzero(out_weight == 0)
    inverse = np.zeros(size)
    np.divide(1.0, out_weight, out=inverse, where=out_weight != 0)
    # The walk multiplies by the transposed transition matrix once per step (x @ T == T.T @ x), so
    # it is built transposed: scipy would transpose a sparse matrix on every ``x @ T``.
    # Only small graphs go dense: OpenBLAS runs larger products on several threads, which on a busy
    # machine is slower than scipy's single-threaded sparse product by an order of magnitude.
    # For symmetric weights the transposed transition matrix is W scaled by column: W[i, j] / out[j].
    if not scipy.sparse.issparse(weights) and size <= DENSE_NODES:
        step: WeightMatrix = np.asarray(weights, dtype=np.float64) * inverse[None, :]
    else:
        matrix = scipy.sparse.csr_array(weights)
        step = scipy.sparse.csr_array(
            (matrix.data * inverse[matrix.indices], matrix.indices, matrix.indptr), shape=matrix.shape
        )
    # The jump is uniform, so networkx's ``(dangling mass * p) + (1 - damping) * p`` is a scalar:
    # fold the damping into the matrix, and (dense) the dangling mass as a rank-one term, so that a
    # step is x' = M x + base.
    step = step * damping
    base = (1.0 - damping) / size
    dangling_share = np.zeros(size)
    dangling_share[dangling] = damping / size
    threshold = size * tolerance
    dense: FloatArray | None = None
    if isinstance(step, np.ndarray):
        # One product per step: the vector carries a constant 1 and the matrix the dangling mass
        # (a rank-one term) and a column holding the jump, so x' = M x + base is [x' 1] = A [x 1].
        dense = np.zeros((size + 1, size + 1))
        dense[:size, :size] = step + dangling_share[None, :]
        dense[:size, size] = base
        dense[size, size] = 1.0
    # Iterate in chunks of CHUNK steps and test convergence for all of them at once afterwards:
    # networkx tests after every step, and the first step that passes its test is the one returned,
    # so the result is the same while the per-step overhead is a fraction.
    chunk = np.empty((CHUNK + 1, size + 1))
    chunk[0, :size] = 1.0 / size
    chunk[0, size] = 1.0
    done = 0
    while done < max_iterations:
        steps = min(CHUNK, max_iterations - done)
        for row in range(1, steps + 1):
            if dense is not None:
                np.matmul(dense, chunk[row - 1], out=chunk[row])
            else:
                previous = chunk[row - 1, :size]
                chunk[row, :size] = step @ previous
                chunk[row, :size] += base + float(dangling_share @ previous)
        # The change shrinks by the damping factor or more each step (the walk is a contraction in
        # L1), so a chunk holds a step that passes exactly when its last step does: test that one
        # alone, and look for the first passing step only then.
        if float(np.abs(chunk[steps, :size] - chunk[steps - 1, :size]).sum()) < threshold:
            errors = np.abs(np.diff(chunk[: steps + 1, :size], axis=0)).sum(axis=1)
            passed = np.flatnonzero(errors < threshold)
            return np.array(chunk[passed[0] + 1, :size])
        chunk[0] = chunk[steps]
        done += steps
    # Unreachable for the undirected graphs TextRank builds (see MAX_ITERATIONS).
    logger.warning("PageRank did not converge in %d iterations on %d nodes", max_iterations, size)  # pragma: no cover
    return np.array(chunk[0, :size])  # pragma: no cover
