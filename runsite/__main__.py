"""``python -m runsite <verb>``: the organisers' command line (runsite.tools.cli)."""

import sys

from runsite.tools.cli import main

sys.exit(main())
