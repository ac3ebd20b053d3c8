"""HTTP plumbing shared by the REST vendors: request ids, spec validation, error dispatch."""
