"""Command line for set-up: `python -m mantelzorg_app.manage setup` migrates and loads demo data.

migrate            bring the database schema up to date (Alembic)
seed               add the demo hubs that are missing
setup              migrate, then seed
makemigration MSG  write a new migration from the models
"""

import sys

from alembic.config import Config
from sqlmodel import Session

from alembic import command
from mantelzorg_app import settings
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.platform.database import engine


def _alembic() -> Config:
    cfg = Config(str(settings.ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(settings.ROOT / "alembic"))
    return cfg


def migrate() -> None:
    command.upgrade(_alembic(), "head")


def seed() -> None:
    eng = engine()
    with Session(eng) as session:
        added = load_demo(session)
    eng.dispose()
    print("demo hubs added:", ", ".join(added) or "none (already there)")


def main(argv: list[str]) -> int:
    match argv:
        case ["migrate"]:
            migrate()
        case ["seed"]:
            seed()
        case ["setup"]:
            migrate()
            seed()
        case ["makemigration", message]:
            command.revision(_alembic(), message=message, autogenerate=True)
        case _:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
