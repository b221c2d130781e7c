#!/usr/bin/env python3
"""
Starts the django-oauth-toolkit IdP on 127.0.0.1 with a fresh database and RSA key each time, one
test user (alice / alice) and one public client, then serves until stopped.

    python3 idps/django/start.py --port 9441 --origin http://127.0.0.1:9442 [--client-id demo]

Needs Django, django-oauth-toolkit and django-cors-headers (Debian bookworm:
apt-get install python3-django-oauth-toolkit python3-django-cors-headers).
"""
import argparse
import os
import secrets
import sys
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--origin", action="append", required=True, help="an app origin: its /callback and /popup-callback.html are registered, and CORS allows it")
    parser.add_argument("--client-id", default="demo")
    parser.add_argument("--access-token-ttl", type=int, default=300, help="seconds")
    return parser.parse_args()


def new_rsa_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()


def main():
    args = parse_args()
    data = Path(tempfile.mkdtemp(prefix="latchkey-django-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "latchkey_idp.settings",
            "LATCHKEY_DJANGO_SECRET": secrets.token_urlsafe(32),
            "LATCHKEY_DJANGO_DB": str(data / "db.sqlite3"),
            "LATCHKEY_DJANGO_RSA_KEY": new_rsa_key(),
            "LATCHKEY_DJANGO_ORIGINS": ",".join(args.origin),
            "LATCHKEY_DJANGO_ACCESS_TOKEN_TTL": str(args.access_token_ttl),
        }
    )
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    from django.contrib.auth import get_user_model
    from oauth2_provider.models import Application

    get_user_model().objects.create_user("alice", "alice@example.com", "alice", first_name="Alice", last_name="Liddell")
    Application.objects.create(
        name="latchkey demo",
        client_id=args.client_id,
        client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(f"{origin}{path}" for origin in args.origin for path in ("/callback", "/popup-callback.html")),
        algorithm=Application.RS256_ALGORITHM,
        # A first-party app: no consent page after sign-in.
        skip_authorization=True,
    )
    print(f"django-oauth-toolkit IdP: issuer http://127.0.0.1:{args.port}/o, client {args.client_id}, user alice/alice", flush=True)
    # One request at a time: SQLite refuses a second concurrent writer ("database is locked"), and the
    # app revokes its refresh and access tokens at once. Unthreaded, the server closes each connection,
    # so no browser connection holds it.
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, use_threading=False)


if __name__ == "__main__":
    main()
