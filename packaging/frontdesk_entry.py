"""The frozen build's entry: the same ``frontdesk`` command as the installed
package (no subcommand opens the windows; ``frontdesk checkin …`` and the
other subcommands run the command line)."""

import multiprocessing
import sys

from ui.shell.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
