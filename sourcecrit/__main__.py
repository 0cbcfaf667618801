import sys

from sourcecrit.cli import main

sys.exit(main())
