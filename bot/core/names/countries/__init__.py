"""Country names in, seats out: the matcher, the curated names and the seats over time."""
