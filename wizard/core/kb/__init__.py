"""The knowledge base: what the wizard asks and checks, as data, with typed loaders."""
