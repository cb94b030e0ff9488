"""Resolution references in, resolutions out: symbols, title words, titles and the matcher."""
