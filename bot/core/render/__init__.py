"""The rendering stage: facts in, words and pictures out: text, JSON and charts."""
