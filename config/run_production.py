"""`make run-production`: the production stack of the README on this machine.

1. It refuses to start, naming every missing or unsafe setting at once
   (config.production_settings), before anything is touched.
2. It prepares: migrations, the catalogue, the static files as served in production
   (collectstatic: whitenoise's compressed manifest), an empty folder for every process's
   metrics (PROMETHEUS_MULTIPROC_DIR), and `check --deploy --database default` (which also
   refuses a VAPID key the stored subscriptions were not made with).
3. It runs every process of the Procfile with honcho, the web process with gunicorn
   (config/gunicorn.conf.py) in place of the development server: `make run` and this share one
   list of processes, so a process added to the Procfile runs in both.

    python -m config.run_production            # all three
    python -m config.run_production check      # only 1
    python -m config.run_production prepare    # 1 and 2
    python -m config.run_production processes  # the commands it would run, one per line
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from config.production_settings import missing_settings

BASE_DIR = Path(__file__).resolve().parent.parent
PROCFILE = BASE_DIR / "Procfile"
WEB_COMMAND = "gunicorn -c config/gunicorn.conf.py config.wsgi"
PREPARE_STEPS = (
    ("migrate", "--noinput"),
    ("load_catalogue",),
    ("collectstatic", "--noinput", "--verbosity", "0"),
    ("check", "--deploy", "--database", "default"),
)


def procfile_processes(path: Path = PROCFILE) -> dict[str, str]:
    """The Procfile's processes, name -> command, in its order."""
    processes = {}
    for line in path.read_text().splitlines():
        name, colon, command = line.partition(":")
        if colon and name.strip() and not name.lstrip().startswith("#"):
            processes[name.strip()] = command.strip()
    return processes


def production_processes(path: Path = PROCFILE) -> dict[str, str]:
    """The Procfile's processes, with gunicorn serving the web."""
    return {**procfile_processes(path), "web": WEB_COMMAND}


def production_environment(env: Mapping[str, str]) -> dict[str, str]:
    """The environment every process of the stack runs in: PRODUCTION on, this Python's
    commands first on PATH, and a folder for the metrics of every process (under VAR_DIR
    unless PROMETHEUS_MULTIPROC_DIR is set)."""
    var_dir = Path(env.get("VAR_DIR") or BASE_DIR / "var")
    # gunicorn and celery are installed beside this Python, on PATH or not.
    path = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", os.defpath)])
    return {
        **env,
        "PATH": path,
        "PRODUCTION": "true",
        "PROMETHEUS_MULTIPROC_DIR": env.get("PROMETHEUS_MULTIPROC_DIR") or str(var_dir / "metrics"),
    }


def refuse_if_incomplete(env: Mapping[str, str]) -> None:
    problems = missing_settings(env)
    if problems:
        lines = "\n".join(f"  {problem}" for problem in problems)
        sys.exit(
            "Backcare will not start in production until these settings are set in its "
            f"environment:\n{lines}\n(README: Running in production)"
        )


def empty_metrics_folder(env: Mapping[str, str]) -> None:
    """prometheus_client adds up every file in the folder: those of a previous run must go."""
    folder = Path(env["PROMETHEUS_MULTIPROC_DIR"])
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def prepare(env: MutableMapping[str, str]) -> None:
    refuse_if_incomplete(env)
    empty_metrics_folder(env)
    for step in PREPARE_STEPS:
        subprocess.run([sys.executable, "manage.py", *step], cwd=BASE_DIR, env=env, check=True)


def start(env: MutableMapping[str, str]) -> None:
    """Run every process under honcho, in the foreground, until Ctrl-C or one of them ends."""
    var_dir = Path(env.get("VAR_DIR") or BASE_DIR / "var")
    procfile = var_dir / "Procfile.production"
    procfile.write_text(
        "".join(f"{name}: {command}\n" for name, command in production_processes().items())
    )
    port = env.get("PORT") or "8000"
    honcho = [sys.executable, "-m", "honcho", "start", "-f", str(procfile), "-d", str(BASE_DIR)]
    os.execve(sys.executable, [*honcho, "-p", port], env)


def main(arguments: list[str]) -> None:
    env = production_environment(os.environ)
    action = arguments[0] if arguments else "start"
    if action == "check":
        refuse_if_incomplete(env)
    elif action == "processes":
        for name, command in production_processes().items():
            print(f"{name}: {command}")
    elif action == "prepare":
        prepare(env)
    elif action == "start":
        prepare(env)
        start(env)
    else:
        sys.exit(f"Unknown action {action!r}: check, prepare, processes or start")


if __name__ == "__main__":
    main(sys.argv[1:])
