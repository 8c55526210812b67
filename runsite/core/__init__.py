"""What every stage shares: the build's state, problems and messages, languages,
addresses, the clock."""
