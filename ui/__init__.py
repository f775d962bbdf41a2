"""User interfaces: the `tracuu` command line and the Gradio web chat. They render what
`qa.answer` returns and never compute answers themselves."""
