"""Where students reach a shared app: the machine's own IPv4 addresses, found without any network traffic.

    python -m app --host 0.0.0.0      # prints, e.g., "Students open: http://192.168.1.20:7860/"
"""

from __future__ import annotations

import ipaddress

import psutil

ALL_INTERFACES = ("0.0.0.0", "::", "")


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback and link-local (169.254.x.x), private ones (a school
    network) first: what a student's browser on the same network can open."""
    found = []
    for addrs in psutil.net_if_addrs().values():
        for a in addrs:
            if a.family.name != "AF_INET":
                continue
            ip = ipaddress.ip_address(a.address)
            if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified) and a.address not in found:
                found.append(a.address)
    return sorted(found, key=lambda s: not ipaddress.ip_address(s).is_private)


def student_urls(host: str, port: int, addresses: list[str] | None = None) -> list[str]:
    """The addresses to give students for an app served on `host`: every LAN address when it listens on all
    interfaces, the host itself when it is one address, none when it listens on loopback only."""
    if host in ALL_INTERFACES:
        return [f"http://{a}:{port}/" for a in (lan_addresses() if addresses is None else addresses)]
    try:
        if ipaddress.ip_address(host).is_loopback:
            return []
    except ValueError:  # a host name: it is what students type
        if host == "localhost":
            return []
    return [f"http://{host}:{port}/"]


def start_banner(host: str, port: int, addresses: list[str] | None = None) -> str:
    """What `python -m app` prints on start: where this machine opens it, and where students do."""
    here = f"http://127.0.0.1:{port}/" if host in ALL_INTERFACES else f"http://{host}:{port}/"
    urls = student_urls(host, port, addresses)
    if urls:
        them = "\n".join(f"    {u}" for u in urls)
        return f"Through the Valley Lab: on this machine open {here}\nStudents on the same network open:\n{them}"
    if host in ALL_INTERFACES:
        return (f"Through the Valley Lab: on this machine open {here}\nThis machine has no network address other "
                "than loopback: connect it to the school network, then restart the app.")
    return (f"Through the Valley Lab: open {here} (this machine only). For a class on one shared machine, start it "
            f"with --host 0.0.0.0 and give students the address it prints.")
