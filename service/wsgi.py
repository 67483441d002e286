"""The WSGI entry for production servers: ``gunicorn 'service.wsgi:app'``. Each worker builds its own app and
with it its own pipeline, once, at start."""

from .api import create_app

app = create_app()
