"""Follow-ups after advice: what the advice achieved, down to the loss it avoided."""
