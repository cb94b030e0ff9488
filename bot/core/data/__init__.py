"""The data stage: the UN voting file in, the SQLite vote database out (and read)."""
