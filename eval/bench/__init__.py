"""`tracuu bench`: how tracuu's costs grow with the corpus, beside a naive llama-index pipeline."""
