"""The test suite: one test module per library module (tests/<wing>/test_<module>.py)."""
