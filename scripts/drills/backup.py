"""Drill 4: backup and restore into an empty database, with counts and files checked."""

import subprocess

from harness import (
    PYTHON,
    ROOT,
    Outcome,
    say,
)

# --- Drill 4: backup and restore --------------------------------------------------------------


def drill_backup_restore(cluster, site):
    say("\n=== Drill: backup, then restore into an empty database ===")
    outcome = Outcome("backup-restore")
    archive = site.workdir / "portal-backup.tar"
    out = site.manage("backup", str(archive))
    say("  " + out.strip())
    cluster.createdb("portal_restored")
    restored_media = site.workdir / "media-restored"
    result = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "restore",
            str(archive),
            "--database-url",
            cluster.url("portal_restored"),
            "--media-root",
            str(restored_media),
        ],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
    )
    lines = result.stdout.strip().splitlines()
    rows = [line for line in lines[1:] if not line.startswith(("files", "Restore"))]
    nonempty = [line for line in rows if line.split()[1:2] != ["0"]]
    say(f"  restored {len(rows)} tables; those with rows:")
    say("\n".join("    " + line for line in [lines[0], *nonempty]))
    say("  " + "\n  ".join(lines[-2:]))
    if result.returncode:
        say(result.stderr)
    outcome.expect(
        "restore check passed (row counts per table, every file present and intact)",
        result.returncode == 0,
    )
    again = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "restore",
            str(archive),
            "--database-url",
            cluster.url("portal_restored"),
            "--media-root",
            str(site.workdir / "other"),
        ],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
    )
    outcome.expect(
        "a second restore over the now non-empty database is refused",
        again.returncode != 0 and "not empty" in again.stderr,
    )
    migrated = subprocess.run(
        [PYTHON, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env={**site.env, "DATABASE_URL": cluster.url("portal_restored")},
        capture_output=True,
        text=True,
    )
    outcome.expect("the restored database is at the current migrations", migrated.returncode == 0)
    outcome.report()
    return outcome
