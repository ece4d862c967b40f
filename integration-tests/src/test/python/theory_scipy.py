"""The peer a Python user would write for the theory engine's problem: the optimal rewards of n ranked responses,
maximising sum over i < j of U(r_i - r_j) with every r in [0, 1], solved by scipy's L-BFGS-B from an evenly spaced
start. Usage: python3 theory_scipy.py UTILITY N, with UTILITY one of log, inverse, log-sigmoid:S. Prints the rewards'
objective and the solver's iteration count; TheoryBenchmark times it as a whole process beside the Java command."""
import sys

import numpy as np
from scipy.optimize import minimize

FLOOR = 1e-12  # log and inverse need r_i > r_j; a step past it is clamped, as a user would

def utility(spec):
    if spec == "log":
        return lambda x: np.log(x), lambda x: 1.0 / x
    if spec == "inverse":
        return lambda x: -1.0 / x, lambda x: 1.0 / (x * x)
    if spec.startswith("log-sigmoid:"):
        s = float(spec.split(":", 1)[1])
        return lambda x: -np.logaddexp(0.0, -x / s), lambda x: 1.0 / (s * (1.0 + np.exp(x / s)))
    raise SystemExit("unknown utility " + spec)


def main():
    spec, n = sys.argv[1], int(sys.argv[2])
    u, du = utility(spec)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    floor = -np.inf if spec.startswith("log-sigmoid") else FLOOR

    def negative_objective(r):
        x = np.maximum(r[:, None] - r[None, :], floor)
        m = np.where(upper, du(np.where(upper, x, 1.0)), 0.0)
        value = u(x[upper]).sum()
        return -value, -(m.sum(axis=1) - m.sum(axis=0))

    result = minimize(negative_objective, np.linspace(1.0, 0.0, n), jac=True, method="L-BFGS-B",
                      bounds=[(0.0, 1.0)] * n)
    print("objective %.10f after %d iterations (%s)" % (-result.fun, result.nit, result.message))


if __name__ == "__main__":
    main()
