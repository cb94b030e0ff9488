"""The pure core: data, matching and answers. Never imports discord."""
