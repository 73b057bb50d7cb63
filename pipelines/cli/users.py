"""``radar users``: the dashboard's accounts in RADAR_HOME/users.yaml (the embedded log-in).

A password is shown once, when it is made, and stored only as an argon2id hash. Every
change to an account (add, remove, set-role, set-password) ends its open sessions at their
next click; ``unlock`` lifts a lock-out on a name at once.
"""

from __future__ import annotations

import argparse
import sys

from pipelines.cli.texts import DUTCH, Texts, texts_for
from pipelines.core.keys import MIN_PASSWORD_LENGTH


def _users():  # noqa: ANN202 - the pipelines.access.users module
    """pipelines.access.users, loaded when a users command runs (not for ``radar --help``)."""
    from pipelines.access import users

    return users


def _roles():  # noqa: ANN202 - the pipelines.access.roles module
    """pipelines.access.roles, loaded when a users command runs (not for ``radar --help``)."""
    from pipelines.access import roles

    return roles


def _fail(message: str) -> int:
    print(f"radar: {message}", file=sys.stderr)
    return 1


def cmd_users_add(args: argparse.Namespace) -> int:
    say = texts_for(args)
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        password = _users().add_user(args.name, args.role, password)
    except _users().UserError as exc:
        return _fail(say.of(exc))
    where = _users().users_path()
    print(say("msg.users.added", name=args.name.strip().lower(), role=args.role, path=where))
    if not args.password_stdin:
        print(say("msg.users.password", password=password))
    return 0


def cmd_users_remove(args: argparse.Namespace) -> int:
    say = texts_for(args)
    try:
        _users().remove_user(args.name)
    except _users().UserError as exc:
        return _fail(say.of(exc))
    print(say("msg.users.removed", name=args.name.strip().lower()))
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    say = texts_for(args)
    try:
        users = _users().list_users()
    except _users().UserError as exc:
        return _fail(say.of(exc))
    if not users:
        print(say("msg.users.none", path=_users().users_path()))
        return 0
    roles = _roles().load_roles().roles
    width = max(len(u.username) for u in users)
    for user in users:
        role = (
            getattr(roles[user.role].name, say.lang)
            if user.role in roles
            else say("msg.users.unknown_role", role=user.role)
        )
        print(f"{user.username:<{width}}  {user.role:<24}  {role:<32}  {user.created_at}")
    return 0


def cmd_users_set_role(args: argparse.Namespace) -> int:
    say = texts_for(args)
    try:
        _users().set_role(args.name, args.role)
    except _users().UserError as exc:
        return _fail(say.of(exc))
    print(say("msg.users.role_set", name=args.name.strip().lower(), role=args.role))
    return 0


def cmd_users_set_password(args: argparse.Namespace) -> int:
    say = texts_for(args)
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        password = _users().set_password(args.name, password)
    except _users().UserError as exc:
        return _fail(say.of(exc))
    print(say("msg.users.password_set", name=args.name.strip().lower()))
    if not args.password_stdin:
        print(say("msg.users.password", password=password))
    return 0


def cmd_users_unlock(args: argparse.Namespace) -> int:
    say = texts_for(args)
    name = args.name.strip().lower()
    if _users().unlock_user(args.name):
        print(say("msg.users.unlocked", name=name))
    else:
        print(say("msg.users.not_locked", name=name))
    return 0


def cmd_users_demo(args: argparse.Namespace) -> int:
    say = texts_for(args)
    passwords = _users().create_demo_users()
    if passwords is None:
        print(say("msg.users.demo_exists", path=_users().users_path()))
        return 0
    roles = _roles().load_roles().roles
    width = max(len(name) for name in passwords)
    print(say("msg.users.demo_made", path=_users().users_path()))
    print(say("msg.users.demo_once"))
    for name, password in passwords.items():
        print(f"  {name:<{width}}  {password}  ({getattr(roles[name].name, say.lang)})")
    return 0


def add_users_parser(subparsers: argparse._SubParsersAction, h: Texts = DUTCH) -> None:
    """``radar users add|remove|list|set-role|set-password|unlock|demo``, wired into the radar
    parser."""
    u = subparsers.add_parser(
        "users",
        help=h("users"),
        description=h("users.description"),
    )
    users = u.add_subparsers(
        dest="users_command",
        required=True,
        metavar=h("metavar.COMMAND"),
        help=h("users.command"),
    )

    def command(name: str, key: str, func, with_name: bool = True):  # noqa: ANN001, ANN202
        sub = users.add_parser(name, help=h(key), description=h(key))
        if with_name:
            sub.add_argument("name", metavar=h("metavar.NAME"), help=h("users.name"))
        sub.set_defaults(func=func)
        return sub

    password_help = h("users.password_stdin", length=MIN_PASSWORD_LENGTH)
    add = command("add", "users.add", cmd_users_add)
    add.add_argument("--role", required=True, metavar=h("metavar.ROLE"), help=h("users.add.role"))
    add.add_argument("--password-stdin", action="store_true", help=password_help)
    command("remove", "users.remove", cmd_users_remove)
    command("list", "users.list", cmd_users_list, with_name=False)
    set_role = command("set-role", "users.set_role", cmd_users_set_role)
    set_role.add_argument("role", metavar=h("metavar.ROLE"), help=h("users.set_role.role"))
    set_password = command("set-password", "users.set_password", cmd_users_set_password)
    set_password.add_argument("--password-stdin", action="store_true", help=password_help)
    command("unlock", "users.unlock", cmd_users_unlock)
    command("demo", "users.demo", cmd_users_demo, with_name=False)
