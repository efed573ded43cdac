"""A national run: several organisations (provinces), each collected on its own, merged into one.

`config` reads the national configuration (each province's roster, sources, deadline and output
folder), `province` runs one province's collection with the cycle's jobs, `merge` reads the
provinces' registers into one national register and the list of models recognised at province
level, `outcomes` says what happened to each province, `sample` generates small provinces for the
bundled example and the tests.
"""
