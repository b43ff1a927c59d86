# Kernel-facing helpers of the sandbox worker: the seccomp filter (compiled once to BPF, loaded
# per execution with one prctl), unshare(2) and prctl(2) through ctypes.
import ctypes
import errno
import os
import tempfile

_libc = ctypes.CDLL(None, use_errno=True)

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2

# Syscalls untrusted code never needs: debugging other processes, namespaces and mounts,
# kernel keyrings, eBPF, perf, userfaultfd, io_uring, module loading, clocks, reboot, …
DENIED = [
    "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2", "pivot_root", "chroot",
    "unshare", "setns", "bpf", "keyctl", "add_key", "request_key", "perf_event_open", "userfaultfd",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "init_module", "finit_module",
    "delete_module", "kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff", "acct",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname",
    "open_by_handle_at", "name_to_handle_at", "fanotify_init", "lookup_dcookie", "quotactl",
    "syslog", "vhangup", "move_mount", "open_tree", "fsopen", "fsmount", "fsconfig", "fspick",
    "mount_setattr", "personality", "kcmp", "pidfd_getfd", "iopl", "ioperm", "modify_ldt",
    "uselib", "nfsservctl", "vmsplice",
]
# Socket families that reach a network or the kernel: AF_INET, AF_INET6, AF_NETLINK, AF_PACKET.
DENIED_FAMILIES = [2, 10, 16, 17]
# Namespace flags refused in clone(2); clone3 is refused with ENOSYS so libc falls back to clone.
CLONE_NAMESPACE_FLAGS = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class CompiledFilter:
    def __init__(self, bpf):
        self.buffer = ctypes.create_string_buffer(bpf, len(bpf))
        self.prog = _SockFprog(len(bpf) // 8, ctypes.addressof(self.buffer))


def compile_filter():
    """Builds the filter with libseccomp and exports it to raw BPF once. None if unavailable."""
    try:
        import seccomp
    except ImportError:
        return None
    f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        try:
            f.add_rule(seccomp.ERRNO(errno.EPERM), name)
        except Exception:
            pass  # not a syscall on this architecture
    for family in DENIED_FAMILIES:
        f.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.EQ, family))
    for flag in CLONE_NAMESPACE_FLAGS:
        f.add_rule(seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    try:
        f.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    except Exception:
        pass
    f.add_rule(seccomp.ERRNO(errno.EPERM), "prctl", seccomp.Arg(0, seccomp.EQ, PR_SET_PDEATHSIG))
    with tempfile.TemporaryFile() as tmp:
        f.export_bpf(tmp)
        tmp.seek(0)
        bpf = tmp.read()
    if not bpf or len(bpf) % 8:
        return None
    return CompiledFilter(bpf)


def load(compiled):
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
    if _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(compiled.prog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP)")


def unshare(flags):
    rc = _libc.unshare(ctypes.c_int(flags))
    if rc != 0:
        return ctypes.get_errno() or -1
    return 0


def set_non_dumpable():
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def die_with_parent(sig=9):
    _libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)
