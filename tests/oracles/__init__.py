"""Independent oracles: brute-force solvers written without the library's code, to check it against."""
