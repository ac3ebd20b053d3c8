"""Validate every REST request against its vendor's OpenAPI spec before any handler runs.

openapi-core does the validation; this module only prepares the request for it and turns
its findings into :class:`ApiError` messages that name the parameter and what is allowed.

Preparation (TOOLCHAIN.md pitfalls): ``key[]=`` is renamed ``key`` (openapi-core would ignore
it silently), and for vendors whose documents allow ``a,b,c`` the comma-separated values of
array parameters become repeated keys, so that every array parameter is ``explode: true``
in the spec and all three forms can be mixed freely.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_core.validation.request.exceptions import (
    InvalidParameter,
    MissingRequiredParameter,
    ParameterValidationError,
    SecurityValidationError,
)
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.wrappers import Request

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.http.memo import Memo
from mock_server.http.openapi_cache import CachedRequestUnmarshaller

PROBLEM_JSON = "application/problem+json"


def load_openapi(path: Path) -> tuple[OpenAPI, dict[str, Any]]:
    """Load a spec once; ``application/problem+json`` bodies deserialize as JSON."""
    import json

    with path.open(encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    config = Config(
        extra_media_type_deserializers={PROBLEM_JSON: json.loads},
        request_unmarshaller_cls=CachedRequestUnmarshaller,
    )
    return OpenAPI.from_dict(spec, config=config), spec


@dataclass(frozen=True)
class GateResult:
    """What a valid request asked for, typed and defaulted by openapi-core."""

    operation_id: str
    path: Mapping[str, Any]
    query: Mapping[str, Any]

    def copy(self) -> GateResult:
        """A copy its holder may change (list values copied) without touching the memo."""
        return GateResult(self.operation_id, _copied(self.path), _copied(self.query))


def _copied(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, list) else v for k, v in values.items()}


class _PreparedRequest:
    """openapi-core's request protocol over a Flask request with a normalised query."""

    def __init__(self, request: Request, query: MultiDict[str, str]) -> None:
        self.request = request
        # The request's own (read-only, case-insensitive) headers: openapi-core only reads them.
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(query), header=request.headers, cookie=request.cookies
        )

    @property
    def host_url(self) -> str:
        return self.request.host_url

    @property
    def path(self) -> str:
        return self.request.path

    @property
    def method(self) -> str:
        return self.request.method.lower()

    @property
    def body(self) -> bytes | None:
        return self.request.get_data(as_text=False)

    @property
    def content_type(self) -> str:
        return self.request.content_type or "application/octet-stream"


class OpenApiGate:
    """One vendor's spec, loaded once, checking requests before routing."""

    def __init__(self, spec_path: Path, *, split_commas: bool) -> None:
        self.openapi, self.spec = load_openapi(spec_path)
        # The API-call unmarshaller itself: OpenAPI.unmarshal_request would first run
        # isinstance checks against typing Protocols, which cost more than the validation.
        self.unmarshaller = self.openapi.request_unmarshaller
        self.split_commas = split_commas
        self.array_params = _array_query_params(self.spec)
        self.query_params = _all_query_params(self.spec)
        self.overrides = problem_overrides(self.spec)
        self.read_headers = _read_headers(self.spec)
        # Where WSGI puts them (a server joins repeated headers into one value).
        self.read_environ = tuple(_environ_key(name) for name in self.read_headers)
        self.passed: Memo[tuple[Any, ...], GateResult] = Memo()

    def check(
        self, request: Request, endpoint: str | None = None, *, shared: bool = False
    ) -> GateResult:
        """Validate ``request``; raise :class:`ApiError` on the first problem found.

        ``endpoint`` is the routed endpoint's name when the caller knows it (the WSGI fast
        path routes without a Flask request context); else Flask's ``url_rule`` tells.

        What openapi-core reads of a request (method, host, path, query string and the
        headers the spec names) decides its verdict, so a request that passed is remembered
        under exactly those (bounded like the per-value memo). A refused one never is: it is
        checked afresh each time. The result is a copy its holder may change, or with
        ``shared`` the remembered one itself, for a caller that only reads it.
        """
        operation_id = endpoint or self._operation_id(request)
        key = self._key(request, operation_id)
        passed = self.passed.get(key)
        if passed is not None:
            return passed if shared else passed.copy()
        query = self.normalise_query(request.args)
        _reject_repeated_scalars(query, self.array_params, self.query_params)
        prepared = _PreparedRequest(request, query)
        result = self.unmarshaller.unmarshal(prepared)
        if result.errors:
            raise _to_api_error(result.errors, self.overrides)
        passed = GateResult(
            operation_id, dict(result.parameters.path), dict(result.parameters.query)
        )
        self.passed.remember(key, passed)
        return passed if shared else passed.copy()

    def _key(self, request: Request, operation_id: str) -> tuple[Any, ...]:
        environ = request.environ
        return (
            operation_id,
            request.method,
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_HOST"),
            environ.get("SCRIPT_NAME"),
            request.path,
            environ.get("QUERY_STRING", ""),
            *(environ.get(key) for key in self.read_environ),
        )

    def normalise_query(
        self, args: Iterable[tuple[str, str]] | MultiDict[str, str]
    ) -> MultiDict[str, str]:
        """Rename ``key[]`` to ``key``; split ``a,b`` for array parameters when allowed."""
        items = args.items(multi=True) if isinstance(args, MultiDict) else args
        out: MultiDict[str, str] = MultiDict()
        for key, value in items:
            name = key[:-2] if key.endswith("[]") else key
            if self.split_commas and name in self.array_params and "," in value:
                for part in value.split(","):
                    out.add(name, part)
            else:
                out.add(name, value)
        return out

    def _operation_id(self, request: Request) -> str:
        rule = getattr(request, "url_rule", None)
        endpoint = rule.endpoint if rule is not None else ""
        return str(endpoint).rsplit(".", 1)[-1]


def _query_parameters(spec: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    components = spec.get("components", {}).get("parameters", {})
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for param in operation.get("parameters", []):
                if "$ref" in param:
                    param = components[param["$ref"].rsplit("/", 1)[-1]]
                if param.get("in") == "query":
                    yield param


def _read_headers(spec: Mapping[str, Any]) -> tuple[str, ...]:
    """Every header openapi-core may read for this spec: header parameters, the headers of
    API-key schemes, and ``Authorization`` (HTTP schemes); ``Cookie`` if cookies are read."""
    components = spec.get("components", {})
    names = {"Authorization"}
    for scheme in components.get("securitySchemes", {}).values():
        if scheme.get("type") == "apiKey":
            names.add("Cookie" if scheme.get("in") == "cookie" else str(scheme.get("name")))
    params = components.get("parameters", {})
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            for param in operation.get("parameters", []) if isinstance(operation, dict) else []:
                param = params[param["$ref"].rsplit("/", 1)[-1]] if "$ref" in param else param
                if param.get("in") in ("header", "cookie"):
                    names.add("Cookie" if param["in"] == "cookie" else str(param["name"]))
    return tuple(sorted(names))


def _environ_key(header: str) -> str:
    """The WSGI environ key of an HTTP header (PEP 3333)."""
    key = header.upper().replace("-", "_")
    return key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"


def _array_query_params(spec: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(
        p["name"] for p in _query_parameters(spec) if p.get("schema", {}).get("type") == "array"
    )


def _all_query_params(spec: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(p["name"] for p in _query_parameters(spec))


def _reject_repeated_scalars(
    query: MultiDict[str, str], arrays: frozenset[str], known: frozenset[str]
) -> None:
    for name in sorted(set(query.keys())):
        if name in known and name not in arrays and len(query.getlist(name)) > 1:
            raise ApiError(
                ErrorKind.VALIDATION,
                f"Query parameter '{name}' was given {len(query.getlist(name))} times; "
                "it takes a single value.",
            )


def problem_overrides(spec: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """``{(parameter, keyword): detail}`` from the spec's ``x-problem-details`` entries that
    carry both, e.g. campaignIds + maxItems -> "Maximum of 50 campaignIds allowed."."""
    entries = spec.get("x-problem-details") or {}
    return {
        (str(e["parameter"]), str(e["keyword"])): str(e["detail"])
        for e in entries.values()
        if isinstance(e, dict) and "parameter" in e and "keyword" in e and "detail" in e
    }


def _to_api_error(
    errors: Iterable[Exception], overrides: Mapping[tuple[str, str], str] | None = None
) -> ApiError:
    errors = list(errors)
    for error in errors:
        if isinstance(error, SecurityValidationError):
            return ApiError(
                ErrorKind.UNAUTHENTICATED,
                "Missing or malformed Authorization header: send 'Authorization: Bearer <token>'.",
            )
    for error in errors:
        if isinstance(error, PathNotFound):
            return ApiError(ErrorKind.NOT_FOUND, "No such endpoint.")
        if isinstance(error, OperationNotFound):
            return ApiError(ErrorKind.METHOD_NOT_ALLOWED, "Method not allowed on this endpoint.")
    first = errors[0]
    if isinstance(first, ParameterValidationError):
        return ApiError(ErrorKind.VALIDATION, describe_parameter_error(first, overrides))
    return ApiError(ErrorKind.VALIDATION, f"Invalid request: {first}")


def describe_parameter_error(
    error: ParameterValidationError, overrides: Mapping[tuple[str, str], str] | None = None
) -> str:
    """A message naming the parameter and why it was refused, from the schema error.

    When the spec's ``x-problem-details`` has a text for this parameter and the failed
    schema keyword, that text wins, with ``{parameter}``, ``{value}`` and ``{values}``
    (the keyword's list, comma-separated) filled in.
    """
    where = f"{error.location} parameter '{error.name}'"
    if isinstance(error, MissingRequiredParameter):
        return f"Missing required {where}."
    if isinstance(error, InvalidParameter):
        cause = error.__cause__
        schema_errors = getattr(cause, "schema_errors", None) or []
        for schema_error in schema_errors:
            keyword = str(getattr(schema_error, "validator", ""))
            detail = (overrides or {}).get((error.name, keyword))
            if detail is not None:
                return _fill(detail, error.name, schema_error)
        reasons = "; ".join(sorted({_schema_reason(e) for e in schema_errors}))
        return f"Invalid {where}: {reasons or cause or 'value does not match the spec'}."
    cause = error.__cause__
    return f"Invalid {where}: {cause or 'cannot be parsed'}."


def _fill(detail: str, name: str, schema_error: Any) -> str:
    expected = getattr(schema_error, "validator_value", None)
    values = ", ".join(map(str, expected)) if isinstance(expected, list) else str(expected)
    instance = str(getattr(schema_error, "instance", ""))
    filled = {"parameter": name, "value": instance, "values": values}
    for key, value in filled.items():
        detail = detail.replace("{" + key + "}", value)
    return detail


def _schema_reason(error: Any) -> str:
    message = str(getattr(error, "message", error))
    return message if len(message) <= 300 else message[:297] + "..."
