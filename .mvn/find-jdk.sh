# Finds a JDK 21 or newer and exports JAVA_HOME; sourced by ./mvnw and ./switchboard.
#
# Order: $JAVA_HOME, the `java` on PATH, then the JDKs inside the usual install folders (highest version wins);
# SWITCHBOARD_JDK_DIRS (colon-separated folders that hold JDKs) replaces the usual folders.
# A machine whose default java is older but that has a newer JDK installed works unchanged;
# a machine with none gets one clear message and exit status 1.

SWITCHBOARD_MIN_JAVA=21

# Prints the feature version (17, 21, 25, ...) of the JDK home $1, or nothing.
sb_jdk_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

sb_jdk_ok() {
  v=$(sb_jdk_version "$1")
  [ -n "$v" ] && [ "$v" -ge "$SWITCHBOARD_MIN_JAVA" ]
}

sb_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && sb_jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$on_path" ]; then
    home=$(dirname "$(dirname "$(readlink -f "$on_path")")")
    if sb_jdk_ok "$home"; then
      JAVA_HOME=$home
      export JAVA_HOME
      return 0
    fi
  fi
  best=""
  best_version=0
  if [ -n "${SWITCHBOARD_JDK_DIRS-}" ]; then
    searched=$(printf '%s' "$SWITCHBOARD_JDK_DIRS" | tr ':' ' ')
    candidates=$(for dir in $searched; do for home in "$dir"/*; do printf '%s\n' "$home"; done; done)
  else
    searched="/usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks"
    candidates=$(for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do printf '%s\n' "$home"; done)
  fi
  old_ifs=$IFS
  IFS='
'
  for home in $candidates; do
    IFS=$old_ifs
    [ -d "$home" ] || continue
    v=$(sb_jdk_version "$home")
    if [ -n "$v" ] && [ "$v" -ge "$SWITCHBOARD_MIN_JAVA" ] && [ "$v" -gt "$best_version" ]; then
      best=$home
      best_version=$v
    fi
  done
  IFS=$old_ifs
  if [ -n "$best" ]; then
    JAVA_HOME=$best
    export JAVA_HOME
    return 0
  fi
  {
    echo "Switchboard needs a JDK $SWITCHBOARD_MIN_JAVA or newer, and none was found."
    echo "Looked at JAVA_HOME (${JAVA_HOME:-unset}), java on PATH (${on_path:-none}) and the JDKs in"
    echo "$searched."
    echo "Install a JDK $SWITCHBOARD_MIN_JAVA+ (e.g. Temurin) or point JAVA_HOME at one."
  } >&2
  return 1
}
