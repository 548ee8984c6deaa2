#!/usr/bin/env bash
# Switch an existing Nargis virtual environment to NVIDIA GPU engines (Linux or WSL2).
#
# Whisper (CTranslate2): the PyPI wheels of ctranslate2 >= 4.5 are already built with
#   CUDA 12 and cuDNN 9; they only need the runtime libraries, installed here as pip
#   packages (no system CUDA toolkit needed).
# LLM (llama.cpp): llama-cpp-python is rebuilt from source with GGML_CUDA=on. That needs
#   the CUDA toolkit (nvcc) on the machine, e.g. `apt install nvidia-cuda-toolkit` or
#   NVIDIA's cuda-toolkit-12-x packages.
#
# Nargis picks the GPU by itself (settings: voice.stt_device = "auto", llm.gpu_layers = -1)
# and falls back to the CPU with a notice when a GPU runtime is missing; `nargis doctor`
# says which engine runs where.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m pip install --upgrade 'nvidia-cublas-cu12' 'nvidia-cudnn-cu12==9.*'
if command -v nvcc >/dev/null 2>&1; then
  CMAKE_ARGS="-DGGML_CUDA=on" FORCE_CMAKE=1 "$PY" -m pip install --force-reinstall --no-deps \
    --no-cache-dir 'llama-cpp-python>=0.3.2,<0.4'
else
  echo "setup-cuda: nvcc not found; the LLM stays on the CPU (Whisper can still use the GPU)." >&2
fi
# CTranslate2 finds the pip-installed cuBLAS/cuDNN through LD_LIBRARY_PATH:
SITE=$("$PY" -c 'import site; print(site.getsitepackages()[0])')
echo "export LD_LIBRARY_PATH=$SITE/nvidia/cublas/lib:$SITE/nvidia/cudnn/lib:\${LD_LIBRARY_PATH:-}"
echo "(add that line to your shell profile, or to the launcher of the app)"
"$PY" -m nargis_desktop doctor || true
