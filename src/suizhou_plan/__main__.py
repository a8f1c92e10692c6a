"""`python -m suizhou_plan` runs the CLI."""

from suizhou_plan.cli import main

if __name__ == "__main__":
    main()
