// posix_spawn helpers that glibc declares only under _GNU_SOURCE, which Swift's Glibc module
// does not define. Private to ChildProcesses.
#ifndef O1CODER_CSPAWN_H
#define O1CODER_CSPAWN_H

#include <spawn.h>

/// Closes every descriptor >= `lowest` in the child (glibc >= 2.34); an errno value, 0 on success.
int o1_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

/// Changes the child's working directory before exec (glibc >= 2.29); an errno value, 0 on success.
int o1_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// pipe2(fds, O_CLOEXEC): neither end can leak into a process another thread spawns meanwhile.
int o1_pipe_cloexec(int fds[2]);

#endif
