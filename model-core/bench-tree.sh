# Sourced by the benchmark scripts: `bench_tree REV FILE...` measures another git revision ("before") with this
# tree's benchmark harness. It checks REV out into .cache/bench-tree-REV (a git worktree), copies the given source
# files (paths relative to the repository root) into it and changes into it. REV "." stays in this tree.
bench_tree() {
  local rev="$1"; shift
  [ "$rev" = "." ] && return 0
  local root="$PWD" tree
  tree="$root/.cache/bench-tree-$rev"
  [ -d "$tree" ] || git worktree add -f --detach "$tree" "$rev" >/dev/null
  for f in "$@"; do
    mkdir -p "$(dirname "$tree/$f")"
    cp "$root/$f" "$tree/$f"
  done
  cd "$tree"
}
