"""`serve` refuses flags that cannot work before it opens anything, and says which flag and why: a message gateway
set up halfway or pointed at something that is not a web address would otherwise fail quietly, message by message."""

import subprocess

import pytest

REFUSED = [
    (["--sms-gateway", "http://grassroots@127.0.0.1:13013/cgi-bin/sendsms"], "--sms-gateway and --sms-password-file go together"),
    (["--public-url", "gov.example.cn"], "--public-url must be an http(s):// address"),
    (["--wecom-url", "ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send"], "--wecom-url: The robot endpoint must be an http(s):// address"),
    (["--dingtalk-url", "https://oapi.dingtalk.com/robot/send?access_token=x"], "--dingtalk-url: The robot endpoint must be an http(s):// address without a query"),
    (["--quiet-hours", "21:30-08:00"], "--quiet-hours: Quiet hours are written 21:00-08:00 (whole hours), or none"),
]


@pytest.mark.parametrize("flags,said", REFUSED, ids=[flags[0] for flags, _ in REFUSED])
def test_serve_refuses_a_flag_that_cannot_work_and_names_it(binary, tmp_path, flags, said):
    result = subprocess.run([binary, "serve", "--database", str(tmp_path / "never.sqlite"), "--key-file", str(tmp_path / "k.key"), *flags],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and said in result.stderr, result.stderr
    assert not (tmp_path / "never.sqlite").exists(), "nothing was opened"
