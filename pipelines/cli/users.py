"""``radar users``: the dashboard's accounts in RADAR_HOME/users.yaml (the embedded log-in).

A password is shown once, when it is made, and stored only as an argon2id hash. Every
change to an account (add, remove, set-role, set-password) ends its open sessions at their
next click; ``unlock`` lifts a lock-out on a name at once.
"""

from __future__ import annotations

import argparse
import sys

from pipelines.cli.texts import DUTCH, Texts
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
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        password = _users().add_user(args.name, args.role, password)
    except _users().UserError as exc:
        return _fail(str(exc))
    where = _users().users_path()
    print(f"Gebruiker {args.name.strip().lower()} toegevoegd met rol {args.role} ({where})")
    if not args.password_stdin:
        print(f"Wachtwoord (wordt maar één keer getoond): {password}")
    return 0


def cmd_users_remove(args: argparse.Namespace) -> int:
    try:
        _users().remove_user(args.name)
    except _users().UserError as exc:
        return _fail(str(exc))
    print(f"Gebruiker {args.name.strip().lower()} verwijderd")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    try:
        users = _users().list_users()
    except _users().UserError as exc:
        return _fail(str(exc))
    if not users:
        print(f"Nog geen gebruikers ({_users().users_path()}): `radar users add NAAM --role ROL`")
        return 0
    roles = _roles().load_roles().roles
    width = max(len(u.username) for u in users)
    for user in users:
        role = roles[user.role].name.nl if user.role in roles else f"{user.role} (onbekende rol)"
        print(f"{user.username:<{width}}  {user.role:<24}  {role:<32}  {user.created_at}")
    return 0


def cmd_users_set_role(args: argparse.Namespace) -> int:
    try:
        _users().set_role(args.name, args.role)
    except _users().UserError as exc:
        return _fail(str(exc))
    print(f"Gebruiker {args.name.strip().lower()} heeft nu rol {args.role}")
    return 0


def cmd_users_set_password(args: argparse.Namespace) -> int:
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        password = _users().set_password(args.name, password)
    except _users().UserError as exc:
        return _fail(str(exc))
    name = args.name.strip().lower()
    print(f"Gebruiker {name} heeft een nieuw wachtwoord; open sessies zijn beëindigd")
    if not args.password_stdin:
        print(f"Wachtwoord (wordt maar één keer getoond): {password}")
    return 0


def cmd_users_unlock(args: argparse.Namespace) -> int:
    name = args.name.strip().lower()
    if _users().unlock_user(args.name):
        print(f"Gebruikersnaam {name} is ontgrendeld en de mislukte pogingen zijn vergeten")
    else:
        print(f"Gebruikersnaam {name} was niet vergrendeld en had geen mislukte pogingen")
    return 0


def cmd_users_demo(args: argparse.Namespace) -> int:
    passwords = _users().create_demo_users()
    if passwords is None:
        print(f"{_users().users_path()} bestaat al: geen demo-accounts aangemaakt")
        return 0
    roles = _roles().load_roles().roles
    width = max(len(name) for name in passwords)
    print(f"Demo-accounts aangemaakt in {_users().users_path()}, één per rol.")
    print("De wachtwoorden worden alleen nu getoond; bewaar ze of maak later nieuwe accounts.")
    for name, password in passwords.items():
        print(f"  {name:<{width}}  {password}  ({roles[name].name.nl})")
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
