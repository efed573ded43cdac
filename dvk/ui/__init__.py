"""What staff see in the Prefect UI: the parameter forms, the serve configuration, the artifacts."""
