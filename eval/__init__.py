"""The QA accuracy suite: datasets, Vietnamese-aware metrics, baselines and reports.

`tracuu eval run DATASET` (ui/cli_eval.py) drives eval.runner; everything answers
through `qa.answer` exactly as users get answers.
"""
