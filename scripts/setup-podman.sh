#!/usr/bin/env bash
# A Docker-API container engine on a Debian machine with no Docker engine and no registry
# (shared/design/toolchain.md): rootful Podman serving the Docker API, a debootstrap base image,
# a node:20-bookworm-slim stand-in, and the lab's images. Idempotent and cached: a second run on
# the same machine only checks (a few seconds). Needs root.
#
#   scripts/setup-podman.sh            # then, in the shell that runs tests:
#   export DOCKER_HOST=unix:///run/podman/podman.sock TESTCONTAINERS_RYUK_DISABLED=true \
#          TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
#
# MISP_LAB_SKIP_IMAGES=1 stops after the engine and base images (no project images).
set -euo pipefail
shopt -s globstar
cd "$(dirname "$0")/.."

SOCKET=/run/podman/podman.sock
CACHE=/var/cache/misp-lab
LABEL=org.misp-compliance-lab.stand-in
started=$(date +%s)
step() { printf 'setup-podman: %-44s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

if [ "$(id -u)" != 0 ]; then
  echo "setup-podman: run as root (rootful Podman; CI runs as root)" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$CACHE"

# 1. Packages, only when one is missing (apt-get update is the slow part).
missing=()
for pair in podman:podman runc:runc newuidmap:uidmap fuse-overlayfs:fuse-overlayfs \
  slirp4netns:slirp4netns debootstrap:debootstrap podman-compose:podman-compose; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
step "packages"

# 2. Engine settings this VM needs: it cannot raise hard limits, crun refuses its cgroup layout,
#    and there is no systemd for cgroups or the journal.
mkdir -p /etc/containers/containers.conf.d
conf=/etc/containers/containers.conf.d/50-misp-lab.conf
wanted='[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"'
[ "$(cat "$conf" 2>/dev/null)" = "$wanted" ] || printf '%s\n' "$wanted" >"$conf"
step "containers.conf"

# 3. The Docker API on a socket, in the background, detached from this shell.
ping() { curl -sf --max-time 2 --unix-socket "$SOCKET" http://podman/_ping >/dev/null 2>&1; }
# conmon starts in the service's working directory: a service whose directory was deleted (an old
# checkout) answers pings but cannot start containers ("Failed to get working directory"). Restart it.
for pid in $(pgrep -f "podman system service" || true); do
  if readlink "/proc/$pid/cwd" | grep -q '(deleted)'; then kill "$pid"; sleep 0.5; fi
done
if ! ping; then
  mkdir -p "$(dirname "$SOCKET")"
  rm -f "$SOCKET"
  env -C / setsid nohup podman system service --time=0 "unix://$SOCKET" >/var/log/podman-api.log 2>&1 </dev/null &
  for _ in $(seq 1 50); do ping && break; sleep 0.1; done
  ping || { echo "setup-podman: the Podman API did not answer on $SOCKET (see /var/log/podman-api.log)" >&2; exit 2; }
fi
step "Docker API on $SOCKET"

# 4. A Debian base image without a registry; the rootfs tarball is cached for later runs.
if ! podman image exists local/debian:bookworm; then
  tarball=$CACHE/debian-bookworm-minbase.tar
  if [ ! -s "$tarball" ]; then
    mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    rootfs=$(mktemp -d)
    mkdir -p "$CACHE/debootstrap"
    debootstrap --variant=minbase --cache-dir="$CACHE/debootstrap" bookworm "$rootfs" \
      "${mirror:-http://deb.debian.org/debian}" >"$CACHE/debootstrap.log" 2>&1 ||
      { echo "setup-podman: debootstrap failed (see $CACHE/debootstrap.log)" >&2; exit 2; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
  fi
  podman import -q --change 'CMD ["/bin/bash"]' "$tarball" local/debian:bookworm >/dev/null
fi
step "base image local/debian:bookworm"

# 5. node:20-bookworm-slim, made from that base and this machine's Node, so an ordinary
#    `FROM node:20-bookworm-slim` builds here. Never replaces a real image of that name.
node_bin=$(readlink -f "$(command -v node)")
node_version=$(node --version)
node_image=docker.io/library/node:20-bookworm-slim
have=$(podman image inspect --format "{{index .Labels \"$LABEL\"}}" "$node_image" 2>/dev/null || true)
if [ -z "$have" ] && podman image exists "$node_image"; then
  step "$node_image (a real one is here: kept)"
elif [ "$have" != "node-$node_version" ]; then
  case "$node_version" in v20.*) ;; *) echo "setup-podman: need Node 20 for $node_image, have $node_version" >&2; exit 2 ;; esac
  ctx=$(mktemp -d)
  mkdir -p "$ctx/usr/local/bin" "$ctx/usr/local/lib/node_modules"
  cp "$node_bin" "$ctx/usr/local/bin/node"
  npm_root=$(npm root -g)
  cp -a "$npm_root/npm" "$ctx/usr/local/lib/node_modules/"
  cat >"$ctx/Containerfile" <<EOF
FROM local/debian:bookworm
COPY usr/ /usr/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
LABEL $LABEL=node-$node_version
ENV NODE_VERSION=${node_version#v}
CMD ["node"]
EOF
  podman build -q --format docker -t "$node_image" "$ctx" >/dev/null
  rm -rf "$ctx"
fi
step "$node_image ($node_version)"

if [ "${MISP_LAB_SKIP_IMAGES:-}" = 1 ]; then
  step "done (MISP_LAB_SKIP_IMAGES=1: no project images)"
  exit 0
fi

# 6. The project's images from the node_modules this machine already installed (no registry
#    inside builds here). Podman's layer cache makes an unchanged rebuild take seconds.
[ -d node_modules/better-sqlite3 ] || { echo "setup-podman: run npm ci first" >&2; exit 2; }
# Staged again only when the lock file or the sources' imports change: an unchanged folder keeps
# podman's layer cache valid.
modules=$CACHE/runtime-modules
stamp=$(cat package-lock.json server/**/*.ts lab/mail/*.ts lab/chat/*.ts lab/chat/server/*.ts docker/lab-services/*.ts \
  2>/dev/null | grep -hE "^import|from '" | sort -u | cat - package-lock.json | sha256sum | cut -c1-16)
if [ "$(cat "$modules.stamp" 2>/dev/null)" != "$stamp" ]; then
  node docker/runtime-modules.mjs "$modules" >/dev/null
  echo "$stamp" >"$modules.stamp"
fi
# An image is rebuilt only when its inputs changed: a stamp file holds their hash and the image id.
inputs() { tar --sort=name --mtime=@0 --exclude='*.test.ts' -cf - "$@" 2>/dev/null | cat - "$modules.stamp" | sha256sum | cut -c1-16; }
build() {
  local image=$1 hash=$2 stamp="$CACHE/$(echo "$1" | tr '/:' '__').stamp"
  shift 2
  if [ "$(cat "$stamp" 2>/dev/null)" = "$hash $(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null)" ]; then
    return
  fi
  podman build -q --format docker --build-arg MODULES=prebuilt --build-context "host-modules=$modules" \
    --label "$LABEL=lab" -t "$image" "$@" . >/dev/null
  echo "$hash $(podman image inspect --format '{{.Id}}' "$image")" >"$stamp"
}
build misp-compliance-lab/misp-server:latest "$(inputs docker/Dockerfile .dockerignore package.json bin/misp-server.mjs server)" \
  -f docker/Dockerfile
step "misp-compliance-lab/misp-server:latest"
services_hash=$(inputs docker/lab-services .dockerignore package.json lab/mail lab/chat)
build misp-compliance-lab/lab-mail:latest "$services_hash" -f docker/lab-services/Dockerfile --target mail
build misp-compliance-lab/lab-chat:latest "$services_hash" -f docker/lab-services/Dockerfile --target chat
build misp-compliance-lab/lab-bootstrap:latest "$services_hash" -f docker/lab-services/Dockerfile --target bootstrap
step "misp-compliance-lab/lab-{mail,chat,bootstrap}:latest"

# 7. The lab's services under the real images' names, so code and compose files keep the real
#    defaults. Only on this offline machine; a real image of that name is never replaced.
stand_in() {
  local real=$1 ours=$2 label
  label=$(podman image inspect --format "{{index .Labels \"$LABEL\"}}" "$real" 2>/dev/null || true)
  if podman image exists "$real" && [ -z "$label" ]; then return; fi
  podman tag "$ours" "$real"
}
stand_in docker.io/mailhog/mailhog:v1.0.1 misp-compliance-lab/lab-mail:latest
stand_in docker.io/mailhog/mailhog:latest misp-compliance-lab/lab-mail:latest
stand_in docker.io/mattermost/mattermost-preview:latest misp-compliance-lab/lab-chat:latest
step "stand-ins tagged as mailhog, mattermost-preview"

# 8. `docker compose` for the Docker CLI (if one is installed), forwarding to podman-compose.
plugin=/usr/local/lib/docker/cli-plugins/docker-compose
if command -v docker >/dev/null 2>&1 && [ ! -x "$plugin" ]; then
  mkdir -p "$(dirname "$plugin")"
  cat >"$plugin" <<'EOF'
#!/bin/sh
# Docker CLI plugin shim: `docker compose …` runs podman-compose (misp-compliance-lab setup-podman.sh).
if [ "$1" = docker-cli-plugin-metadata ]; then
  echo '{"SchemaVersion":"0.1.0","Vendor":"misp-compliance-lab","Version":"podman-compose","ShortDescription":"podman-compose behind docker compose"}'
  exit 0
fi
shift
exec podman-compose "$@"
EOF
  chmod +x "$plugin"
fi
step "done"
