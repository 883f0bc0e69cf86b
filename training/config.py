"""One dataclass config per script, filled from defaults < a YAML recipe < CLI flags.

    cfg = parse_config(SFTConfig, ["--config", "recipes/tiny/sft/classroom.yaml", "--lr", "3e-4"])

Unknown keys (in YAML or on the command line) are an error that names the valid keys, and each
dataclass validates itself in __post_init__.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import types
import typing
from pathlib import Path

import yaml


def _field_types(cls) -> dict[str, typing.Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _coerce(name: str, tp, value):
    """Convert a YAML/CLI value to the field's type (str -> int/float/bool/list)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):  # Optional[X] / X | None
        if value is None or (isinstance(value, str) and value.lower() in ("none", "null", "")):
            if type(None) in args:
                return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(name, inner[0], value)
    if origin in (list, tuple):
        if isinstance(value, str):
            value = [v for v in value.split(",") if v.strip()]
        return [_coerce(name, args[0] if args else str, v) for v in value]
    if tp is bool:
        if isinstance(value, bool):
            return value
        s = str(value).lower()
        if s in ("1", "true", "yes", "on"):
            return True
        if s in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{name}: expected true/false, got {value!r}")
    if tp in (int, float):
        try:
            if tp is int and isinstance(value, str) and "e" in value.lower():
                value = float(value)  # "1e4" for an int field
            out = tp(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name}: expected {tp.__name__}, got {value!r}") from None
        if tp is int and isinstance(value, float) and value != int(value):
            raise ValueError(f"{name}: expected an integer, got {value!r}")
        return out
    if tp is str:
        return str(value)
    return value


def build_config(cls, values: dict):
    """cls(**values) with type coercion; unknown keys raise ValueError naming the valid ones."""
    types_ = _field_types(cls)
    unknown = sorted(set(values) - set(types_))
    if unknown:
        raise ValueError(f"unknown config key(s) {unknown} for {cls.__name__}; valid keys: {sorted(types_)}")
    return cls(**{k: _coerce(k, types_[k], v) for k, v in values.items()})


def load_yaml(path: str | Path) -> dict:
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"config file {p} does not exist")
    data = yaml.safe_load(p.read_text()) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{p}: expected a mapping of config keys, got {type(data).__name__}")
    return data


def parse_config(cls, argv: list[str] | None = None, description: str | None = None):
    """defaults < --config YAML < --key value flags."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = argparse.ArgumentParser(description=description or cls.__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", help="YAML recipe (its keys are the flags below)")
    for name, tp in _field_types(cls).items():
        default = next(f for f in dataclasses.fields(cls) if f.name == name)
        dv = default.default if default.default is not dataclasses.MISSING else (
            default.default_factory() if default.default_factory is not dataclasses.MISSING else None)
        parser.add_argument(f"--{name}", dest=name, default=argparse.SUPPRESS,
                            help=f"(default: {dv!r})")
    ns = parser.parse_args(argv)
    values = load_yaml(ns.config) if ns.config else {}
    values.update({k: v for k, v in vars(ns).items() if k != "config"})
    return build_config(cls, values)


def to_yaml(cfg) -> str:
    return yaml.safe_dump(dataclasses.asdict(cfg), sort_keys=False)


def cli_line(module: str, cfg, base=None) -> str:
    """The command that reproduces cfg: `python -m module --key value` for each non-default key."""
    base = base or type(cfg)()
    parts = [f"python -m {module}"]
    for f in dataclasses.fields(cfg):
        v, dv = getattr(cfg, f.name), getattr(base, f.name)
        if v != dv:
            if isinstance(v, (list, tuple)):
                v = ",".join(str(x) for x in v)
            parts.append(f"--{f.name} {_quote(str(v))}")
    return " ".join(parts)


def _quote(s: str) -> str:
    import shlex
    return shlex.quote(s)


def parse_preset(cls, recipe_dir: Path, argv: list[str], description: str | None = None):
    """`--preset NAME` picks recipe_dir/NAME.yaml; every other `--key value` overrides it."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="classroom", help="a recipe in " + str(recipe_dir))
    known, rest = ap.parse_known_args(argv)
    path = Path(recipe_dir) / f"{known.preset}.yaml"
    if not path.exists():
        raise ValueError(f"unknown preset {known.preset!r}; choose from {sorted(p.stem for p in path.parent.glob('*.yaml'))}")
    values = {"preset": known.preset, **load_yaml(path)}
    it = iter(rest)
    for flag in it:
        if not flag.startswith("--"):
            raise ValueError(f"unexpected argument {flag!r}")
        values[flag[2:].replace("-", "_")] = next(it, "true")
    return build_config(cls, values)
