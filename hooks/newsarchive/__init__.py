"""The roundup archive's core: parse, validate, index and render. No MkDocs import here."""
