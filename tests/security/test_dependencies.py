import shutil

from django.conf import settings

from scripts.check_dependencies import SECURITY_FLOORS, problems


def test_pins_are_hashed_consistent_and_at_their_security_floors():
    assert problems() == []


def copy_requirements(tmp_path):
    for name in ("requirements.txt", "requirements.lock"):
        shutil.copy(settings.BASE_DIR / name, tmp_path / name)
    return tmp_path


def test_a_pin_below_its_floor_is_caught(tmp_path):
    root = copy_requirements(tmp_path)
    lock = (root / "requirements.lock").read_text()
    old = lock.replace(f"django=={SECURITY_FLOORS['django']}", "django==5.2.1")
    (root / "requirements.lock").write_text(old)
    assert any("django 5.2.1 is older than its security floor" in p for p in problems(root))


def test_a_pin_without_hash_or_out_of_step_is_caught(tmp_path):
    root = copy_requirements(tmp_path)
    (root / "requirements.lock").write_text("django==5.2.19\n")
    found = problems(root)
    assert "requirements.lock: django has no hash" in found
    assert any("run `make lock`" in p for p in found)
