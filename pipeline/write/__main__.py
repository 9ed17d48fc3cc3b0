"""``python -m pipeline.write``: print the README documentation of the output tables.

Example:
    python -m pipeline.write > /tmp/tables.md   # paste between the tables markers of README.md
"""

from __future__ import annotations

import sys

from pipeline.write.dictionary import markdown

if __name__ == "__main__":
    sys.stdout.write(markdown())
