"""The asking stage: question text in, a command call out: the command table, slash
commands and plain questions."""
