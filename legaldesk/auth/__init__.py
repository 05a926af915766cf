"""Users, roles, logins and API tokens."""
