"""gunicorn settings for production: `gunicorn -c site/gunicorn.conf.py`.

It binds to loopback unless told otherwise: a reverse proxy (which terminates TLS and sets
X-Forwarded-Proto) sits in front. Each setting can be overridden from the environment.
"""

import multiprocessing
import os

wsgi_app = "site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads let one worker keep connections alive and wait on the database for several requests.
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread" if threads > 1 else "sync"
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# Off by default: a restart drops the worker's cached pages and stalls its connections for
# as long as Django takes to start (seen as p99 spikes in bench/serve). Set it if a leak shows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
# Only the local proxy may say that the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn's control socket defaults to one path per user, which two instances would share.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
