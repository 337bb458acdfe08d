"""The command line refuses bad flags and bad files with a clear message and writes nothing."""

import sqlite3
import subprocess


def run(binary, *args, cwd):
    return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_out_of_range_flags_are_refused(binary, tmp_path):
    for args, words in [(["serve", "--port", "70000"], "--port"), (["serve", "--scale", "10"], "--scale"),
                        (["demo", "--scale", "5"], "--scale"), (["export", "nonsense", "--unit", "1"], "export")]:
        result = run(binary, *args, "--database", str(tmp_path / "x.sqlite"), cwd=tmp_path)
        assert result.returncode != 0, args
        assert words in result.stderr, result.stderr
    assert not (tmp_path / "x.sqlite").exists()


def test_bad_division_file_is_refused_whole_with_line_numbers(binary, tmp_path):
    db = tmp_path / "d.sqlite"
    (tmp_path / "bad.csv").write_text("code,name,level,parent_code\n513401000000,西昌市,3,\n51340100,短,4,513401000000\n", encoding="utf-8")
    result = run(binary, "import", "divisions", "bad.csv", "--database", str(db), cwd=tmp_path)
    assert result.returncode != 0
    assert "Line 3" in result.stderr and "第3行" in result.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM units").fetchone()[0] == 0


def test_gb18030_division_file_imports(binary, tmp_path):
    db = tmp_path / "g.sqlite"
    (tmp_path / "gb.csv").write_bytes("代码,名称,级别,上级代码\n513401000000,西昌市,3,513400000000\n513401001000,北城街道,4,513401000000\n".encode("gb18030"))
    result = run(binary, "import", "divisions", "gb.csv", "--database", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM units ORDER BY depth")]
    assert names == ["西昌市", "北城街道"]


def test_user_add_needs_a_known_role_and_a_password(binary, tmp_path):
    db = str(tmp_path / "u.sqlite")
    (tmp_path / "c.csv").write_text("code,name,level,parent_code\n513401000000,西昌市,3,\n", encoding="utf-8")
    assert run(binary, "import", "divisions", "c.csv", "--database", db, cwd=tmp_path).returncode == 0
    bad_role = run(binary, "user", "add", "zhang", "--role", "mayor", "--scope", "513401000000", "--password", "long-enough", "--database", db, cwd=tmp_path)
    assert bad_role.returncode != 0 and "mayor" in bad_role.stderr
    short = run(binary, "user", "add", "zhang", "--role", "city_admin", "--scope", "513401000000", "--password", "short", "--database", db, cwd=tmp_path)
    assert short.returncode != 0 and "8" in short.stderr
    ok = run(binary, "user", "add", "zhang", "--role", "city_admin", "--scope", "513401000000", "--password", "long-enough", "--database", db, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert sqlite3.connect(db).execute("SELECT role FROM accounts WHERE username = 'zhang'").fetchone() == ("city_admin",)
