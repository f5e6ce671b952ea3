"""Benchmarks. Not part of the test suite: run them with `make bench` (see bench/README.md)."""
