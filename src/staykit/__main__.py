"""`python -m staykit`: the `staykit` command (how `serve --workers N` starts its job worker)."""

from staykit.cli import main

main()
