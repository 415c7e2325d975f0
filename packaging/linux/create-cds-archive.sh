#!/bin/sh
# Writes pipelog.jsa beside this script: a class-data sharing archive of the classes Pipelog loads
# until its window's first frame (pipelog.classlist.gz, made by packaging/make-classlist.sh). The
# launcher maps it instead of parsing and verifying those ~7,000 classes at every start; without it
# (or when it does not match, e.g. after the app image moved) the JVM silently starts without one.
# The .deb's postinst runs it; a plain app image's first window start runs it in the background
# (dev.pipelog.app.ClassDataArchive). `--remove` deletes it.
set -e
app=$(cd "$(dirname "$0")" && pwd)
archive="$app/pipelog.jsa"
if [ "${1:-}" = --remove ]; then
  rm -f "$archive" "$archive.lock"
  exit 0
fi

# One maker at a time (several first starts of a plain image may overlap); the lock goes with the process.
if command -v flock >/dev/null; then
  exec 9>"$archive.lock"
  flock -n 9 || exit 0
  [ -e "$archive" ] && exit 0
fi

# The class path exactly as the launcher builds it from pipelog.cfg: the archive is only used
# when the run's class path starts with the one it was made with.
classpath=
while IFS= read -r line; do
  case $line in
    app.classpath=*) entry=${line#app.classpath=}; classpath=${classpath:+$classpath:}$app${entry#'$APPDIR'} ;;
  esac
done < "$app/pipelog.cfg"

# Classes named in the list but gone from the jars are skipped with a warning; only a failed dump counts.
# A name of its own per run: a first start of a plain image makes the archive in the background,
# and two such starts may overlap.
tmp="$archive.$$.tmp"
gzip -dc "$app/pipelog.classlist.gz" >"$tmp.classlist"
if ! out=$("$app/../runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$tmp.classlist" \
             -XX:SharedArchiveFile="$tmp" -cp "$classpath" 2>&1); then
  rm -f "$tmp" "$tmp.classlist"
  echo "$out" >&2
  echo "pipelog: could not write the class-data archive; Pipelog still runs, it only starts slower" >&2
  exit 1
fi
rm -f "$tmp.classlist"
mv "$tmp" "$archive"
