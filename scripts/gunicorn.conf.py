"""gunicorn settings of `make run` (scripts/serve.sh); tests/servers.py logs with them.

The access log names the path without its query string (%(U)s, not %(r)s): the query
carries secrets the log must never hold: GET /api/v1/status/...?code= an
enterprise's access code, /set-password?token= a one-time link to set a password."""

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)ss'
