"""`python -m suizhou_plan.docgen`."""

import sys

from suizhou_plan.docgen import main

sys.exit(main())
