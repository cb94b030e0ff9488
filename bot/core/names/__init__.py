"""The names stage: text as people type it in, country codes and resolution symbols out."""
