"""``python -m factbook.extracts``: regenerate or check the extracts (see :mod:`factbook.extracts.run`)."""

import sys

from factbook.extracts.run import main

sys.exit(main())
