"""The sample province for `dvk demo`, benchmarks and tests: its files and simulated evaluations.

Not used by a real run. `python -m dvk.demo` rewrites the bundled `sample/` files.
"""
