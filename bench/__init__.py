"""Benchmarks of vnnews against newsboat: ``python -m bench`` (results in bench/RESULTS.md)."""
