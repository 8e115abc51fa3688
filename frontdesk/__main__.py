"""``python -m frontdesk``: the command line without the windows."""

import sys

from frontdesk.cli import main

sys.exit(main())
