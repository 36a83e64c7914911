using System.Runtime.InteropServices;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Position-independent machine code copied into its own anonymous mapping, written while writable and then made
/// read-only and executable (never both writable and executable). Linux only; the mapping lives for the process.
/// </summary>
internal static unsafe partial class ExecutableCode
{
    private const int ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    private const int MapPrivate = 0x02, MapAnonymous = 0x20;

    /// <summary>The code's first byte in executable memory, or null where the OS refuses (a hardened policy, no libc).</summary>
    public static byte* TryLoad(ReadOnlySpan<byte> code)
    {
        if (!OperatingSystem.IsLinux() || code.IsEmpty) return null;
        try
        {
            var length = (nuint)code.Length;
            var p = Mmap(0, length, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (p == -1 || p == 0) return null;
            code.CopyTo(new Span<byte>((void*)p, code.Length));
            if (Mprotect(p, length, ProtRead | ProtExec) != 0)
            {
                _ = Munmap(p, length);
                return null;
            }
            return (byte*)p;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}
