"""One package per vendor: thin views, a mapping from query results to vendor JSON, errors."""
