"""Files -> Documents -> Passages -> a persistent hybrid index (Chroma + keyword)."""
