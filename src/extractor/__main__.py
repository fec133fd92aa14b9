"""`python -m extractor`: the same as the `extract` command."""

from extractor.cli import main

main()
