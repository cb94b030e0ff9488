"""The answers stage: ids in, facts out: the facade, the vote matrix and notable members."""
