"""`python -m repatria check --deploy` finds nothing to warn about in the settings docs/DEPLOYMENT.md gives."""

import secrets

from .production import production_environment, repatria

# The example of docs/DEPLOYMENT.md: PostgreSQL with the two roles, behind a proxy that terminates TLS. Nothing
# connects to the database: the check reads the settings only.
DOCUMENTED = {
    "ALLOWED_HOSTS": "repatria.example.org",
    "SECURE_TLS": "true",
    "BEHIND_PROXY": "true",
    "REQUEST_ID_FROM_PROXY": "true",
    "DATABASE_URL": "postgres://repatria_site:site-password@db.example.org:5432/repatria",
    "DATABASE_OWNER_URL": "postgres://repatria_owner:owner-password@db.example.org:5432/repatria",
}


def test_the_documented_settings_pass_the_deployment_checks_without_a_warning(tmp_path):
    key_file = tmp_path / "audit.key"
    key_file.write_text(secrets.token_hex(32))
    key_file.chmod(0o400)
    environment = production_environment(tmp_path, **DOCUMENTED, AUDIT_KEY_FILE=str(key_file))
    del environment["AUDIT_KEY"]  # kept in a file, as documented
    checked = repatria("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "System check identified no issues (0 silenced)."


def test_the_checks_do_warn_of_a_site_served_over_tls_without_the_proxy_setting(tmp_path):
    environment = production_environment(tmp_path, **{**DOCUMENTED, "BEHIND_PROXY": "false"})
    checked = repatria("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    assert checked.returncode == 1
    assert "security.W008" in checked.stderr and "SECURE_SSL_REDIRECT" in checked.stderr
