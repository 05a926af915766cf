"""Account administration: the wing above the others, since making an account refers
to what lower wings keep (a directory lawyer, an enterprise)."""
