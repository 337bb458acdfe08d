"""The command line refuses bad flags and bad files with a clear message and writes nothing."""

import sqlite3
import subprocess


def run(binary, *args, cwd):
    return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_out_of_range_flags_are_refused(binary, tmp_path):
    for args, words in [(["serve", "--port", "70000"], "--port"), (["serve", "--scale", "10"], "--scale"),
                        (["serve", "--webhook-url", "http://127.0.0.1:9/hook"], "--webhook-secret-file"),
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
    # 西昌市 names its prefecture, 凉山州, which the system does not hold: refused, with the way out named.
    orphan = run(binary, "import", "divisions", "gb.csv", "--database", str(db), cwd=tmp_path)
    assert orphan.returncode != 0
    assert "Line 2" in orphan.stderr and "513400000000" in orphan.stderr and "--roots" in orphan.stderr, orphan.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM units").fetchone()[0] == 0
    result = run(binary, "import", "divisions", "gb.csv", "--roots", "--database", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "县市区 1，街道 1" in result.stdout, result.stdout
    names = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM units ORDER BY depth")]
    assert names == ["西昌市", "北城街道"]


def test_user_add_needs_a_known_role_and_a_password(binary, tmp_path):
    db = str(tmp_path / "u.sqlite")
    (tmp_path / "c.csv").write_text("code,name,level,parent_code\n513401000000,西昌市,3,\n", encoding="utf-8")
    assert run(binary, "import", "divisions", "c.csv", "--roots", "--database", db, cwd=tmp_path).returncode == 0
    bad_role = run(binary, "user", "add", "zhang", "--role", "mayor", "--scope", "513401000000", "--password", "long-enough", "--database", db, cwd=tmp_path)
    assert bad_role.returncode != 0 and "mayor" in bad_role.stderr
    short = run(binary, "user", "add", "zhang", "--role", "city_admin", "--scope", "513401000000", "--password", "short", "--database", db, cwd=tmp_path)
    assert short.returncode != 0 and "8" in short.stderr
    ok = run(binary, "user", "add", "zhang", "--role", "city_admin", "--scope", "513401000000", "--password", "long-enough", "--database", db, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert sqlite3.connect(db).execute("SELECT role FROM accounts WHERE username = 'zhang'").fetchone() == ("city_admin",)


def test_directive_issue_refuses_bad_input_and_issues_good(binary, tmp_path):
    db = str(tmp_path / "m.sqlite")
    assert run(binary, "demo", "--scale", "1000", "--database", db, cwd=tmp_path).returncode == 0
    before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM directives").fetchone()[0]
    bad = run(binary, "directive", "issue", "--unit", "513401001003", "--title", "", "--kind", "party", "--deadline", "明天",
              "--database", db, cwd=tmp_path)
    assert bad.returncode != 0
    assert "title" in bad.stderr and "kind" in bad.stderr and "deadline" in bad.stderr
    # Each problem in both languages, one a line.
    assert "标题不能为空，且不超过100个字 | A title is required, at most 100 characters" in bad.stderr, bad.stderr
    (tmp_path / "form.txt").write_text("体温 | colour\n", encoding="utf-8")
    bad_form = run(binary, "directive", "issue", "--unit", "513401001003", "--title", "排查", "--deadline", "2099-01-01 08:00",
                   "--form-file", "form.txt", "--database", db, cwd=tmp_path)
    assert bad_form.returncode != 0 and "colour" in bad_form.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM directives").fetchone()[0] == before
    good = run(binary, "directive", "issue", "--unit", "513401001003", "--title", "排查", "--deadline", "2099-01-01 08:00",
               "--database", db, cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    targets = int(good.stdout.split(" to ")[1].split()[0])
    households = sqlite3.connect(db).execute(
        "SELECT COUNT(*) FROM households h JOIN units c ON c.code = '513401001003' WHERE h.path LIKE c.path || '%'").fetchone()[0]
    assert targets == households > 0
    verify = run(binary, "verify", "--database", db, cwd=tmp_path)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_department_officer_needs_a_known_department(binary, tmp_path):
    db = str(tmp_path / "o.sqlite")
    assert run(binary, "demo", "--scale", "1000", "--database", db, cwd=tmp_path).returncode == 0
    args = ["user", "add", "li", "--role", "department_officer", "--scope", "513401000000", "--password", "long-enough", "--database", db]
    missing = run(binary, *args, cwd=tmp_path)
    assert missing.returncode != 0 and "department" in missing.stderr
    unknown = run(binary, *args, "--department", "NOPE", cwd=tmp_path)
    assert unknown.returncode != 0 and "NOPE" in unknown.stderr
    ok = run(binary, *args, "--department", "CG", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    row = sqlite3.connect(db).execute(
        "SELECT d.code FROM accounts a JOIN departments d ON d.id = a.department_id WHERE a.username = 'li'").fetchone()
    assert row == ("CG",)
    verify = run(binary, "verify", "--database", db, cwd=tmp_path)
    assert verify.returncode == 0 and "published evaluation" in verify.stdout, verify.stdout + verify.stderr


def test_cadre_export_is_excel_csv_and_refuses_a_bad_period(binary, tmp_path):
    db = str(tmp_path / "c.sqlite")
    assert run(binary, "demo", "--scale", "1000", "--database", db, cwd=tmp_path).returncode == 0
    bad = run(binary, "export", "cadres", "--unit", "513401001000", "--period", "2026Q9", "--database", db, cwd=tmp_path)
    assert bad.returncode != 0 and "--period" in bad.stderr
    out = tmp_path / "cadres.csv"
    ok = run(binary, "export", "cadres", "--unit", "513401001000", "--period", "2026", "--output", str(out), "--database", db, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0].startswith("姓名,类别,单位,职务")
    names = {row[0] for row in sqlite3.connect(db).execute(
        "SELECT c.name FROM cadres c JOIN units u ON u.code = '513401001000' WHERE c.path LIKE u.path || '%' "
        "OR EXISTS (SELECT 1 FROM secondments s WHERE s.cadre_id = c.id AND s.path LIKE u.path || '%')")}
    assert {line.split(",")[0] for line in lines[1:]} == names and len(names) >= 19


def test_boundaries_import_all_or_nothing_and_check(binary, tmp_path):
    import json
    db = str(tmp_path / "b.sqlite")
    assert run(binary, "demo", "--scale", "1000", "--database", db, cwd=tmp_path).returncode == 0
    square = [[[102.2, 27.9], [102.21, 27.9], [102.21, 27.91], [102.2, 27.91], [102.2, 27.9]]]
    good = {"type": "Feature", "properties": {"code": "513401001003001"}, "geometry": {"type": "Polygon", "coordinates": square}}
    open_ring = {"type": "Feature", "properties": {"code": "513401001003"}, "geometry": {"type": "Polygon", "coordinates": [square[0][:-1]]}}
    (tmp_path / "bad.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [good, open_ring]}))
    bad = run(binary, "boundaries", "import", str(tmp_path / "bad.geojson"), "--database", db, cwd=tmp_path)
    assert bad.returncode != 0 and "513401001003" in bad.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM units WHERE boundary IS NOT NULL").fetchone() == (0,)
    (tmp_path / "good.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [good]}))
    ok = run(binary, "boundaries", "import", str(tmp_path / "good.geojson"), "--database", db, cwd=tmp_path)
    assert ok.returncode == 0 and "Imported 1" in ok.stdout, ok.stderr
    compound = sqlite3.connect(db).execute(
        "SELECT c.id FROM units c JOIN units g ON g.id = c.parent_id WHERE g.code = '513401001003001' AND c.kind = 'compound' ORDER BY c.id").fetchone()[0]
    points = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": compound}, "geometry": {"type": "Point", "coordinates": [103.0, 28.0]}}]}
    (tmp_path / "points.geojson").write_text(json.dumps(points))
    assert run(binary, "boundaries", "positions", str(tmp_path / "points.geojson"), "--database", db, cwd=tmp_path).returncode == 0
    check = run(binary, "boundaries", "check", "--unit", "513401001003", "--database", db, cwd=tmp_path)
    assert check.returncode != 0 and "1 compounds lie outside their grid" in check.stdout
    # Outside every grid: placing leaves it where it is and says why; verify stays clean.
    place = run(binary, "boundaries", "place", "--unit", "513401001003", "--database", db, cwd=tmp_path)
    assert place.returncode == 0 and "Moved 0 compounds; 1 left" in place.stdout and "未调整" in place.stdout, place.stderr
    assert run(binary, "verify", "--database", db, cwd=tmp_path).returncode == 0
