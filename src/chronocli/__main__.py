"""Allow `python -m chronocli`."""

from chronocli.cli import main

main()
