"""Aggregation over the world: windows, buckets, scopes and metric sums for each vendor.

Imports the domain (rules and formulas) and the world (columnar data), never a vendor
package: views call in here and map the results to their vendor's JSON.
"""
