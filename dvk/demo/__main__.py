"""`python -m dvk.demo`: rewrite the sample province's files under `sample/`."""

from dvk.demo.province import write_sample

print(write_sample())
