"""One dataclass config per script, filled from defaults < a YAML recipe < CLI flags.

    cfg = parse_config(SFTConfig, ["--config", "training/recipes/tiny/sft/classroom.yaml", "--lr", "3e-4"])
    cfg = parse_config(ValleyConfig, ["--recipe", "classroom", "--sft.lr", "2e-3"], recipes=VALLEY_RECIPES)

Unknown keys (in YAML or on the command line) are an error that names the valid keys, and each
dataclass validates itself in __post_init__. A field typed `dict` holds overrides for another config
(a sweep's `sft:` mapping); on the command line its keys are set as `--sft.lr 2e-3`.

`--help` prints each field's comment from the dataclass source, grouped under the section comments
that head the fields, so the explanation of a default ("0 = the paper's epochs") reaches the user.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import inspect
import io
import shlex
import sys
import textwrap
import tokenize
import types
import typing
from pathlib import Path

import yaml


def _field_types(cls) -> dict[str, typing.Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _default(f: dataclasses.Field):
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None


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
        item = args[0] if args else str
        if isinstance(value, str):  # "" is the empty list; a list of strings keeps its empty items
            value = [] if not value.strip() else [v.strip() for v in value.split(",")
                                                  if v.strip() or item is str]
        return [_coerce(name, item, v) for v in value]
    if tp is dict or origin is dict:
        if not isinstance(value, dict):
            raise ValueError(f"{name}: expected a mapping of overrides, got {value!r}")
        return dict(value)
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
        except (TypeError, ValueError, OverflowError):
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


def field_docs(cls) -> dict[str, tuple[str, str]]:
    """{field: (section, comment)} read from the dataclass source.

    A comment on a field's line (and comment lines indented below it) explains that field; a comment
    line at the fields' own indentation opens a section ("# what to train")."""
    try:
        src = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    comments = {tok.start[0]: (tok.start[1], tok.string.lstrip("#").strip())
                for tok in tokenize.generate_tokens(io.StringIO(src).readline) if tok.type == tokenize.COMMENT}
    body = ast.parse(src).body[0].body
    fields = {n.lineno: n.target.id for n in body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    indent = min((n.col_offset for n in body if isinstance(n, ast.AnnAssign)), default=4)
    code_lines = {n.lineno for n in ast.walk(ast.parse(src)) if hasattr(n, "lineno")}
    out: dict[str, tuple[str, str]] = {}
    section, current = "", None
    for line in range(1, len(src.splitlines()) + 1):
        if line in fields:
            current = fields[line]
            out[current] = (section, comments[line][1] if line in comments else "")
        elif line in comments and line not in code_lines:
            col, text = comments[line]
            if col <= indent:
                section, current = text, None
            elif current is not None:
                sec, prev = out[current]
                out[current] = (sec, (prev + " " + text).strip())
        elif line in code_lines and line not in fields:
            current = None
    return out


def _parser(cls, description: str | None, recipes: Path | None, default_recipe: str | None = None
            ) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description or cls.__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", help="a YAML recipe file (its keys are the flags below)")
    if recipes is not None:
        names = sorted(p.stem for p in Path(recipes).glob("*.yaml"))
        parser.add_argument("--recipe", default=default_recipe,
                            help=f"a recipe of {recipes}/ by name: {', '.join(names)} (default: {default_recipe})")
    docs = field_docs(cls)
    groups: dict[str, argparse._ArgumentGroup] = {}
    for f in dataclasses.fields(cls):
        if recipes is not None and f.name == "recipe":
            continue  # --recipe above sets it
        section, comment = docs.get(f.name, ("", ""))
        group = parser
        if section:
            group = groups.setdefault(section, parser.add_argument_group(section))
        dv = _default(f)
        if isinstance(dv, dict):
            help_ = f"{comment} (set keys as --{f.name}.KEY VALUE)" if comment else f"set as --{f.name}.KEY VALUE"
        else:
            shown = ",".join(map(str, dv)) if isinstance(dv, list) else dv
            help_ = f"{comment} (default: {shown!r})" if comment else f"(default: {shown!r})"
        group.add_argument(f"--{f.name}", dest=f.name, default=argparse.SUPPRESS,
                           help=help_.replace("%", "%%"))
    return parser


def parse_config(cls, argv: list[str] | None = None, description: str | None = None,
                 recipes: Path | None = None, default_recipe: str | None = None):
    """defaults < --recipe NAME (a YAML file of `recipes`) < --config YAML < --key value flags.

    Mapping fields take dotted flags: `--sft.lr 2e-3` sets key lr of the field sft."""
    argv = sys.argv[1:] if argv is None else list(argv)
    types_ = _field_types(cls)
    dict_fields = {k for k, t in types_.items() if t is dict or typing.get_origin(t) is dict}
    dotted, rest = {}, []
    it = iter(argv)
    for a in it:
        key = a[2:].split("=", 1)[0] if a.startswith("--") else ""
        if "." in key and key.split(".", 1)[0] in dict_fields:
            field_, sub = key.split(".", 1)
            value = a.split("=", 1)[1] if "=" in a else next(it, None)
            if value is None:
                raise ValueError(f"--{key} needs a value")
            dotted.setdefault(field_, {})[sub] = value
        else:
            rest.append(a)
    ns = _parser(cls, description, recipes, default_recipe).parse_args(rest)
    values: dict = {}
    if getattr(ns, "recipe", None):
        path = Path(recipes) / f"{ns.recipe}.yaml"
        if not path.exists():
            raise ValueError(f"unknown recipe {ns.recipe!r}; choose from {sorted(p.stem for p in path.parent.glob('*.yaml'))}")
        values = {"recipe": ns.recipe, **load_yaml(path)} if "recipe" in types_ else load_yaml(path)
    if ns.config:
        values.update(load_yaml(ns.config))
    values.update({k: v for k, v in vars(ns).items() if k not in ("config", "recipe")})
    for field_, sub in dotted.items():
        values[field_] = {**(values.get(field_) or {}), **sub}
    return build_config(cls, values)


def to_yaml(cfg) -> str:
    return yaml.safe_dump(dataclasses.asdict(cfg), sort_keys=False)


def cli_line(module: str, cfg, base=None) -> str:
    """The command that reproduces cfg: `python -m module --key value` for each key that differs from
    `base` (default: the dataclass defaults); a mapping field gives one `--field.key value` per key."""
    base = base or type(cfg)()
    parts = [f"python -m {module}"]
    for f in dataclasses.fields(cfg):
        v, dv = getattr(cfg, f.name), getattr(base, f.name)
        if v == dv:
            continue
        if isinstance(v, dict):
            parts += [f"--{f.name}.{k} {shlex.quote(_flat(x))}" for k, x in v.items() if dv.get(k) != x]
        else:
            parts.append(f"--{f.name} {shlex.quote(_flat(v))}")
    return " ".join(parts)


def _flat(v) -> str:
    return ",".join(str(x) for x in v) if isinstance(v, (list, tuple)) else str(v)
