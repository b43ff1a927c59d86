#!/usr/bin/env bash
# Builds llama.cpp's shared libraries plus llama-server and llama-bench from the source tree inside
# the pinned llama-cpp-python==0.3.36 sdist (llama.cpp 0.5.0-dev, commit 0c1e570), into a cache
# prefix keyed by version. The libraries get RUNPATH $ORIGIN so libggml finds libggml-cpu, and a
# pkg-config file that SwiftPM's CLlama system library reads. A second run does nothing.
. "$(dirname "$0")/common.sh"
VERSION=0.3.36
SDIST_SHA=$(cat "$(dirname "$0")/llama-sdist.sha256" 2>/dev/null || true)
PREFIX="$O1CODER_CACHE/llama.cpp/llama-cpp-python-$VERSION"
STAMP="$PREFIX/.complete"
[ -f "$STAMP" ] && exit 0
apt_need cmake ninja-build pkg-config g++ libgomp1
src="$O1CODER_CACHE/llama.cpp/src-$VERSION"
sdist="$src/llama_cpp_python-$VERSION.tar.gz"
if [ ! -f "$sdist" ]; then
  log "downloading llama-cpp-python==$VERSION source (76 MB)"
  # --no-binary for this package only; --no-binary=:all: would compile cmake itself from source.
  pip_fetch "$src" --no-binary llama-cpp-python "llama-cpp-python==$VERSION"
fi
[ -n "$SDIST_SHA" ] && sha256_check "$sdist" "$SDIST_SHA"
if [ ! -d "$src/llama_cpp_python-$VERSION/vendor/llama.cpp" ]; then
  tar xzf "$sdist" -C "$src"
fi
LC="$src/llama_cpp_python-$VERSION/vendor/llama.cpp"
build="$src/build"
log "building llama.cpp (libraries, llama-server, llama-bench); a few minutes on 2 cores"
# GGML_NATIVE=OFF: the cache may move between machines of this kind; AVX2 is safe everywhere.
cmake -S "$LC" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_RPATH='$ORIGIN/../lib' -DCMAKE_BUILD_WITH_INSTALL_RPATH=OFF \
  -DBUILD_SHARED_LIBS=ON -DGGML_NATIVE=OFF -DLLAMA_OPENSSL=OFF \
  -DLLAMA_BUILD_COMMON=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_EXAMPLES=OFF \
  -DLLAMA_BUILD_SERVER=ON -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_UI=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
cmake --install "$build" >/dev/null
for f in "$PREFIX"/bin/llama-server "$PREFIX"/bin/llama-bench; do
  [ -x "$f" ] || die "missing $f after build"
done
[ -f "$PREFIX/lib/pkgconfig/llama.pc" ] || die "llama.pc missing under $PREFIX/lib/pkgconfig"
touch "$STAMP"
log "llama.cpp installed in $PREFIX"
