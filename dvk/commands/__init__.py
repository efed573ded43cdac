"""One module per `dvk` sub-command: NAME, HELP, add_arguments(parser), run(args) -> exit code."""
