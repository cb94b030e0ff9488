"""votebot: answers questions about United Nations General Assembly votes."""

__version__ = "0.1.0"
