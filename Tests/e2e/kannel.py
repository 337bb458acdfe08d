"""Kannel for tests and benchmarks: bearerbox with Kannel's own fake SMSC, fakesmsc connected to it (it prints every
message it is sent), and an smsbox whose `sendsms` the server calls; all on free ports, in a folder of the caller's."""

import re
import socket
import subprocess
import time

from processes import free_port, stop

BEARERBOX, SMSBOX, FAKESMSC = "/usr/sbin/bearerbox", "/usr/sbin/smsbox", "/usr/lib/kannel/test/fakesmsc"


class Kannel:
    """bearerbox with a fake SMSC, fakesmsc connected to it (it prints every message it is sent), and an smsbox
    whose `sendsms` the server calls."""

    def __init__(self, folder):
        self.folder = folder
        self.admin, self.box, self.smsc, self.sendsms = (free_port() for _ in range(4))
        self.config = folder / "kannel.conf"
        self.config.write_text(f"""
group = core
admin-port = {self.admin}
admin-password = test-admin
smsbox-port = {self.box}
box-allow-ip = 127.0.0.1
dlr-storage = internal
log-file = "{folder / 'bearerbox.log'}"

group = smsc
smsc = fake
smsc-id = FAKE
port = {self.smsc}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.box}
sendsms-port = {self.sendsms}
global-sender = 10690000
log-file = "{folder / 'smsbox.log'}"

group = sendsms-user
username = grassroots
password = kannel-test-pw
""")
        self.received = folder / "fakesmsc.out"
        self.bearerbox = self.start([BEARERBOX, str(self.config)], "bearerbox.out")
        self.wait_for_port(self.smsc)
        self.fakesmsc = self.start([FAKESMSC, "-H", "127.0.0.1", "-r", str(self.smsc), "-m", "0", "1 2 text nop"], self.received.name)
        self.smsbox = None
        self.start_smsbox()

    def start(self, command, log):
        return subprocess.Popen(command, cwd=self.folder, stdout=(self.folder / log).open("a"), stderr=subprocess.STDOUT)

    def start_smsbox(self):
        self.smsbox = self.start([SMSBOX, str(self.config)], "smsbox.out")
        self.wait_for_port(self.sendsms)

    def stop_smsbox(self):
        stop(self.smsbox)

    @staticmethod
    def wait_for_port(port):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"Kannel did not open port {port}")

    def messages(self):
        """(receiver, text) of every message the fake SMSC got, its UCS-2 decoded."""
        found = []
        for line in self.received.read_text(errors="replace").splitlines():
            match = re.search(r"Got message \d+: <(\S+) (\S+) (ucs-2|text) (.*)>$", line)
            if match:
                sender, receiver, coding, data = match.groups()
                found.append((receiver, ucs2(data) if coding == "ucs-2" else data))
        return found

    def close(self):
        for process in (self.smsbox, self.fakesmsc, self.bearerbox):
            stop(process)


def ucs2(data):
    """fakesmsc prints a UCS-2 message's bytes URL-encoded: as they are where printable, a space as +, %XX otherwise."""
    raw, i = bytearray(), 0
    while i < len(data):
        if data[i] == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", data[i + 1:i + 3]):
            raw.append(int(data[i + 1:i + 3], 16)); i += 3
        else:
            raw.append(0x20 if data[i] == "+" else ord(data[i])); i += 1
    return raw.decode("utf-16-be")
