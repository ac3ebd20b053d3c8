"""openapi-core's request unmarshaller with its per-request construction cached.

Used naively, ``unmarshal_request`` re-resolves ``$ref``s and rebuilds a deserializer, a
schema validator (deep-copying a format checker) and an unmarshaller for every parameter of
every request: about 7 ms a request here (TOOLCHAIN.md measured 2.3 ms on a smaller spec).
The spec never changes after start, so each of those objects is built once per spec
location and reused. Validation itself is still openapi-core's: the same deserializers,
casters, jsonschema validators and unmarshallers run on every distinct value, and a value
that passed is remembered (validation is a pure function of spec location and raw value).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jsonschema_path import SchemaPath
from openapi_core.deserializing.styles.exceptions import EmptyQueryParameterValue
from openapi_core.exceptions import OpenAPIError
from openapi_core.security.exceptions import SecurityProviderError
from openapi_core.security.providers import HttpProvider
from openapi_core.templating.security.exceptions import SecurityNotFound
from openapi_core.unmarshalling.request.unmarshallers import V31RequestUnmarshaller
from openapi_core.validation.decorators import ValidationErrorWrapper
from openapi_core.validation.request.exceptions import (
    InvalidSecurity,
    MissingParameter,
    MissingRequiredParameter,
    SecurityValidationError,
)

from mock_server.http.memo import Memo

Key = tuple[str | int, ...]


def _key(path: SchemaPath) -> Key:
    """A spec location (the parts of its path in the spec, already a tuple)."""
    parts: Key = path.parts
    return parts


class _ParameterMeta:
    """What a parameter's spec says, read once."""

    __slots__ = ("has_default", "default", "location", "name", "param", "required", "schema")

    def __init__(self, param: SchemaPath) -> None:
        self.param = param
        self.name = (param / "name").read_str()
        self.location = (param / "in").read_str()
        self.required = (param / "required").read_bool(default=False)
        self.schema = param / "schema"
        self.has_default = "default" in self.schema
        self.default = (self.schema / "default").read_value() if self.has_default else None


def _read_once(provider: Any) -> Any:
    """An HTTP-scheme provider whose ``scheme`` (all its ``__call__`` reads) is a plain dict.

    openapi-core's ``HttpProvider`` resolves ``scheme["scheme"]`` through the spec on every
    request; the value never changes, so it is read here once. Other providers are kept.
    """
    if type(provider) is HttpProvider:
        provider.scheme = {"scheme": (provider.scheme / "scheme").read_str()}  # type: ignore[assignment]
    return provider


class CachedRequestUnmarshaller(V31RequestUnmarshaller):
    """V31RequestUnmarshaller whose spec-derived objects are built once per spec location."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._operation_params: dict[Key, list[_ParameterMeta]] = {}
        self._deserializers: dict[Key, Any] = {}
        self._validators: dict[Key, Any] = {}
        self._unmarshallers: dict[Key, Any] = {}
        self._memo: Memo[tuple[int, tuple[Any, ...]], Any] = Memo()
        self._paths: Memo[tuple[str, str, str], Any] = Memo()
        self._security: dict[Key, list[list[tuple[str, Any]]]] = {}
        self._has_body: dict[Key, bool] = {}

    def _get_body(self, body: bytes | None, mimetype: str, operation: SchemaPath) -> Any:
        """openapi-core's body unmarshalling; whether the operation has a body is read once."""
        key = _key(operation)
        has_body = self._has_body.get(key)
        if has_body is None:
            has_body = self._has_body[key] = "requestBody" in operation
        return super()._get_body(body, mimetype, operation) if has_body else None

    def _find_path(self, request: Any) -> Any:
        """openapi-core's path finding, remembered per (method, host, path) once found."""
        key = (request.method, request.host_url, request.path)
        found = self._paths.get(key)
        if found is None:
            found = self._paths.remember(key, super()._find_path(request))
        return found

    @ValidationErrorWrapper(SecurityValidationError, InvalidSecurity)
    def _get_security(self, parameters: Any, operation: SchemaPath) -> dict[str, Any] | None:
        """openapi-core's security check with the requirements and providers read once."""
        requirements = self._requirements(operation)
        if not requirements:
            return {}
        for requirement in requirements:
            try:
                return {name: provider(parameters) for name, provider in requirement}
            except SecurityProviderError:
                continue
        raise SecurityNotFound([[name for name, _ in r] for r in requirements])

    def _requirements(self, operation: SchemaPath) -> list[list[tuple[str, Any]]]:
        key = _key(operation)
        found = self._security.get(key)
        if found is None:
            security = operation / "security" if "security" in operation else None
            if security is None and "security" in self.spec:
                security = self.spec / "security"
            schemes = self.spec / "components#securitySchemes"
            found = [
                [
                    (name, _read_once(self.security_provider_factory.create(schemes[name])))
                    for name in requirement.str_keys()
                    if name in schemes
                ]
                for requirement in (security or [])
            ]
            self._security[key] = found
        return found

    def _params_of(self, operation: SchemaPath, path: SchemaPath) -> list[_ParameterMeta]:
        key = _key(operation)
        metas = self._operation_params.get(key)
        if metas is None:
            metas, seen = [], set()
            for owner in (operation, path):
                for param in owner.get("parameters", SchemaPath.from_dict({})):
                    meta = _ParameterMeta(param)
                    if (meta.name, meta.location) not in seen:
                        seen.add((meta.name, meta.location))
                        metas.append(meta)
            self._operation_params[key] = metas
        return metas

    def _get_parameters(self, parameters: Any, operation: SchemaPath, path: SchemaPath) -> Any:
        # Same contract as openapi-core's: collect values, raise ParametersError on errors.
        from openapi_core.datatypes import Parameters
        from openapi_core.validation.request.exceptions import (
            ParametersError,
            ParameterValidationError,
        )

        errors: list[OpenAPIError] = []
        validated = Parameters()
        for meta in self._params_of(operation, path):
            try:
                value = self._get_parameter(parameters, meta)
            except MissingParameter:
                continue
            except ParameterValidationError as exc:
                errors.append(exc)
                continue
            getattr(validated, meta.location)[meta.name] = value
        if errors:
            raise ParametersError(errors=errors, parameters=validated)
        return validated

    def _get_parameter(self, parameters: Any, meta: Any) -> Any:
        from openapi_core.validation.request.exceptions import (
            InvalidParameter,
            ParameterValidationError,
        )

        try:
            return self._value_of(parameters[meta.location], meta)
        except (MissingParameter, ParameterValidationError):
            raise
        except Exception as exc:  # openapi-core wraps these the same way (ValidationErrorWrapper)
            raise InvalidParameter(meta.name, meta.location) from exc

    def _value_of(self, location: Mapping[str, Any], meta: _ParameterMeta) -> Any:
        """The parameter's typed value; each distinct raw value is validated once.

        Validation is a pure function of (spec location, raw strings), so a value that passed
        once passes again with the same result. Failures are never memoised: they are re-raised
        fresh each time. The memo is bounded (cleared when full) so memory stays flat.
        """
        getlist = getattr(location, "getlist", None)
        raw_key = tuple(getlist(meta.name)) if getlist else (location.get(meta.name),)
        memo_key = (id(meta), raw_key)
        if memo_key in self._memo:
            value = self._memo[memo_key]
            return list(value) if isinstance(value, list) else value
        value = self._validated_value(location, meta)
        self._memo.remember(memo_key, value)
        return list(value) if isinstance(value, list) else value

    def _validated_value(self, location: Mapping[str, Any], meta: _ParameterMeta) -> Any:
        try:
            raw = self._deserializer(meta).deserialize(location)
        except KeyError:
            if meta.has_default:
                return meta.default
            if meta.required:
                raise MissingRequiredParameter(meta.name, meta.location) from None
            raise MissingParameter(meta.name, meta.location) from None
        if meta.location == "query" and raw == "":
            raise EmptyQueryParameterValue(meta.name)
        self._validator(meta.schema).validate(raw)
        return self._unmarshaller(meta.schema).unmarshal(raw)

    def _deserializer(self, meta: _ParameterMeta) -> Any:
        key = _key(meta.param)
        found = self._deserializers.get(key)
        if found is None:
            from openapi_core.schema.parameters import get_style_and_explode

            style, explode = get_style_and_explode(meta.param)
            found = self.style_deserializers_factory.create(
                self.spec, meta.schema, style, explode, name=meta.name
            )
            self._deserializers[key] = found
        return found

    def _validator(self, schema: SchemaPath) -> Any:
        key = _key(schema)
        found = self._validators.get(key)
        if found is None:
            found = self.schema_validators_factory.create(
                self.spec,
                schema,
                format_validators=self.format_validators,
                extra_format_validators=self.extra_format_validators,
            )
            self._validators[key] = found
        return found

    def _unmarshaller(self, schema: SchemaPath) -> Any:
        key = _key(schema)
        found = self._unmarshallers.get(key)
        if found is None:
            found = self.schema_unmarshallers_factory.create(
                self.spec,
                schema,
                format_validators=self.format_validators,
                extra_format_validators=self.extra_format_validators,
                format_unmarshallers=self.format_unmarshallers,
                extra_format_unmarshallers=self.extra_format_unmarshallers,
            )
            self._unmarshallers[key] = found
        return found
