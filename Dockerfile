# The same install as `make demo`, for a container: gunicorn serving the provider on port 8000.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    IDP_KEYS_DIR=/data/keys IDP_DATA_DIR=/data IDP_OUTBOX_DIR=/data/outbox \
    IDP_DATABASE_URL=sqlite:////data/idp.sqlite3 IDP_SERVER__HOST=0.0.0.0

RUN useradd --create-home --uid 10001 idp && mkdir -p /data && chown idp /data
WORKDIR /app
COPY pyproject.toml setup.cfg README.md ./
COPY idp ./idp
COPY mandate_resolver ./mandate_resolver
COPY templates ./templates
COPY config ./config
COPY docs ./docs
# Editable, as `make demo` does: templates/ and config/ stay beside the code in /app.
RUN pip install --no-cache-dir -e . && mkdir -p /app/var && chown idp /app/var

USER idp
VOLUME ["/data"]
EXPOSE 8000
# Migrate, then serve. Set IDP_ISSUER (https) and IDP_SECRET_KEY in production; mount /data or use PostgreSQL.
CMD ["sh", "-c", "idp db upgrade && exec idp serve"]
