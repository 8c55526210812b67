"""The organisers' and maintainers' tools: build, serve, check, scaffold."""
