"""Pure domain core: calendar buckets, metric formulas, Buffer metric normalisation,
pagination, sorting and the typed error tree.

Every module here imports only the Python standard library and never reads the clock
(the current time is always a parameter), so that the mock and the contract checks can
both use it as their oracle. ``tests/domain/test_domain_purity.py`` enforces this.
The rules come from the vendor documents in ``/work/shared/seeds`` as summarised in
``DOMAIN.md``; each function's docstring names the document it follows.
"""
