#!/usr/bin/env bash
# Vendor GraphiQL's UMD build and React 18 for the mock's GET /graphql page, from the npm
# registry (no PyPI package ships them). Copies exactly the four files the page loads plus
# each package's LICENSE into mock_server/vendors/buffer/graphiql_assets/ and rewrites its
# README.md with the versions and the registry's integrity hashes.
#
# Usage: scripts/update_graphiql_assets.sh [GRAPHIQL_VERSION [REACT_VERSION]]
#   TARBALLS=/dir  use graphiql-X.tgz, react-Y.tgz, react-dom-Y.tgz already packed there.
# React must stay 18.x (React 19 ships no umd/ folder); a newer GraphiQL must still ship its
# UMD graphiql.min.js (the copy below fails if it does not).
# After an update: run the tests (make test && make test-browser) and note it in CHANGELOG.md.
set -euo pipefail

GRAPHIQL_VERSION=${1:-3.9.0}
REACT_VERSION=${2:-18.3.1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=$ROOT/mock_server/vendors/buffer/graphiql_assets
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

specs=("graphiql@$GRAPHIQL_VERSION" "react@$REACT_VERSION" "react-dom@$REACT_VERSION")
for spec in "${specs[@]}"; do
    name=${spec%@*}
    tarball="${name}-${spec#*@}.tgz"
    if [[ -n "${TARBALLS:-}" ]]; then
        cp "$TARBALLS/$tarball" "$WORK/"
    else
        (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
    fi
    mkdir "$WORK/$name"
    tar xzf "$WORK/$tarball" -C "$WORK/$name"
done

mkdir -p "$DEST"
cp "$WORK/graphiql/package/graphiql.min.js" "$WORK/graphiql/package/graphiql.min.css" "$DEST/"
cp "$WORK/react/package/umd/react.production.min.js" "$DEST/"
cp "$WORK/react-dom/package/umd/react-dom.production.min.js" "$DEST/"
for name in graphiql react react-dom; do
    cp "$WORK/$name/package/LICENSE" "$DEST/LICENSE.$name"
done

# The registry's integrity must be the tarball's own (npm pack checks it; so do we).
rows=""
for spec in "${specs[@]}"; do
    name=${spec%@*}
    integrity=$(npm view "$spec" dist.integrity)
    shasum=$(npm view "$spec" dist.shasum)
    local_sha512="sha512-$(openssl dgst -sha512 -binary "$WORK/$name-${spec#*@}.tgz" | base64 -w0)"
    if [[ "$integrity" != "$local_sha512" ]]; then
        echo "integrity mismatch for $spec: registry $integrity, tarball $local_sha512" >&2
        exit 1
    fi
    license=$(npm view "$spec" license)
    rows+="| \`$spec\` | $license | \`$integrity\` | \`$shasum\` |"$'\n'
done

sizes=""
for file in react.production.min.js react-dom.production.min.js graphiql.min.js graphiql.min.css; do
    sizes+="| \`$file\` | $(wc -c <"$DEST/$file") |"$'\n'
done

cat >"$DEST/README.md" <<README
# GraphiQL assets (vendored from npm)

The page at \`GET /graphql\` loads these files from the mock itself
(\`GET /graphql/assets/<name>\`), never from a CDN, so it works with no internet. No PyPI
package ships a usable GraphiQL build, so they are copied unchanged from the npm tarballs:

| package | licence | npm \`dist.integrity\` | npm \`dist.shasum\` |
|---|---|---|---|
${rows}
| file | bytes |
|---|---:|
${sizes}
\`graphiql.min.js\` and \`graphiql.min.css\` are the UMD build at the root of the graphiql
package; \`react.production.min.js\` and \`react-dom.production.min.js\` come from the
packages' \`umd/\` folders. \`LICENSE.<package>\` is each package's licence (all MIT).
graphiql.min.js ends with a \`sourceMappingURL\` comment; the map is not vendored (a browser
only asks for it with its developer tools open, and gets a 404).

## Updating

\`scripts/update_graphiql_assets.sh [GRAPHIQL_VERSION [REACT_VERSION]]\` runs \`npm pack\`,
checks each tarball against the registry's integrity, copies the files and rewrites this
README. React must stay 18.x (React 19 ships no UMD build), and a newer GraphiQL must still
ship \`graphiql.min.js\`. Then run \`make test\` and \`make test-browser\`.
README
echo "GraphiQL $GRAPHIQL_VERSION and React $REACT_VERSION copied to $DEST"
