from personalised import audit  # noqa: F401 registers the personalised agreements' log actions
