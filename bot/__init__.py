"""votebot: answers questions about United Nations General Assembly votes."""

import os

__version__ = "0.1.0"

# The bot's arrays are small (a vector against 6,000 documents, a few thousand votes): a
# BLAS library's own threads only contend with the bot's threads and with each other,
# and on a busy machine a 0.2 ms product then takes 10 ms. One thread each, unless the
# environment says otherwise; this runs before anything imports numpy.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
