"""The app factory: everything the server serves is built here from a frozen Config."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from mock_server import docs_pages, meta
from mock_server.config import Config
from mock_server.http import cors, faults, rate_limit, request_log
from mock_server.http.errors import ApiError, ErrorKind
from mock_server.http.fast_path import FastPath
from mock_server.http.mount import VendorMount
from mock_server.state import MockState
from mock_server.vendors.buffer import mount as mount_buffer
from mock_server.vendors.later import mount as mount_later
from mock_server.vendors.layers import mount as mount_layers
from mock_server.world import World

log = logging.getLogger("mock_server")

HTTP_KINDS: dict[int, ErrorKind] = {
    400: ErrorKind.VALIDATION,
    404: ErrorKind.NOT_FOUND,
    405: ErrorKind.METHOD_NOT_ALLOWED,
    415: ErrorKind.UNSUPPORTED_MEDIA_TYPE,
}
MOUNTERS = {"layers": mount_layers, "later": mount_later, "buffer": mount_buffer}


def create_app(config: Config | None = None, *, world: World | None = None) -> Flask:
    """Build the mock for ``config`` (defaults: seed 42, today's UTC midnight, all vendors).

    ``world``, when given, must have been built from this very config (serving.py hands the
    world the parent process built to its forked workers, so it is generated once).
    """
    config = config or Config()
    app = Flask("mock_server")
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.compact = True  # type: ignore[attr-defined]
    state = MockState.build(config) if world is None else MockState(config=config, world=world)
    app.extensions["metrics_mock"] = state
    mounts = [MOUNTERS[name](app, state) for name in config.vendors]
    meta.register(app, state)
    docs_pages.register(app, config.vendors)
    _install_error_handlers(app, mounts, debug=config.debug)
    _install_transport(app, mounts, config)
    return app


def _install_transport(app: Flask, mounts: list[VendorMount], config: Config) -> None:
    """Hooks that change how answers travel, never what they say. Order matters: a CORS
    preflight is answered before anything else, a requested fault before rate counting."""

    def mount_for(path: str) -> VendorMount | None:
        return _mount_for(mounts, path)

    policy = cors.install(app, config.cors_origins, mount_for)
    faults.install(app, mount_for, default_latency_ms=config.latency_ms)
    if config.rate_limits:
        rate_limit.install(app, mount_for)
    elif not config.latency_ms:
        # Every answer then depends on its request alone: the hot GETs may skip Flask.
        app.wsgi_app = FastPath(app.wsgi_app, app.url_map, mounts, policy)  # type: ignore[method-assign]
    if config.log_requests:
        request_log.install(app)


def _mount_for(mounts: list[VendorMount], path: str) -> VendorMount | None:
    return next((m for m in mounts if m.owns(path)), None)


def _install_error_handlers(app: Flask, mounts: list[VendorMount], *, debug: bool) -> None:
    def render(error: ApiError) -> Response:
        mount = _mount_for(mounts, request.path)
        if mount is None:
            body = {"error": {"code": error.kind.value.upper(), "message": error.message}}
            status = {ErrorKind.NOT_FOUND: 404, ErrorKind.METHOD_NOT_ALLOWED: 405}.get(
                error.kind, 500 if error.kind is ErrorKind.INTERNAL else 400
            )
            response = jsonify(body)
            response.status_code = status
            response.headers.update(error.headers)
            return response
        return mount.render_error(error)

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError) -> Response:
        return render(error)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        kind = HTTP_KINDS.get(error.code or 500, ErrorKind.INTERNAL)
        headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
        message = _http_message(error, kind)
        return render(ApiError(kind, message, headers=headers))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.path)
        message = "Internal error in the mock (a bug: please report it)."
        if debug:
            message += f" {type(error).__name__}: {error}"
        return render(ApiError(ErrorKind.INTERNAL, message))

    @app.after_request
    def _finish(response: Response) -> Response:
        mount = _mount_for(mounts, request.path)
        return mount.finish(response) if mount else response


def _http_message(error: HTTPException, kind: ErrorKind) -> str:
    if kind is ErrorKind.NOT_FOUND:
        return f"No endpoint at {request.path}."
    if kind is ErrorKind.METHOD_NOT_ALLOWED:
        allowed = ", ".join(sorted(m for m in (error.valid_methods or [])))  # type: ignore[attr-defined]
        return f"Method {request.method} is not allowed on {request.path}; allowed: {allowed}."
    return error.description or error.name
