using System.Runtime.InteropServices;

namespace Gantry.Models.Gguf;

/// <summary>
/// Drops a mapped range's pages from this process's resident set (Linux <c>madvise(MADV_DONTNEED)</c>), for tensors
/// whose bytes were copied out at load (repacked weights): resident memory then holds one copy of them, not two. The
/// mapping is read-only and file-backed, so a later read simply faults the pages back in from the page cache or the
/// file; nothing is lost. Elsewhere, or on failure, it does nothing.
/// </summary>
internal static unsafe partial class MappedPages
{
    private const int MadvDontNeed = 4;

    /// <summary>Releases the whole pages inside [<paramref name="start"/>, start + <paramref name="bytes"/>).</summary>
    public static void Release(byte* start, long bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes <= 0) return;
        long page = Environment.SystemPageSize;
        var first = ((long)start + page - 1) & ~(page - 1);
        var end = ((long)start + bytes) & ~(page - 1);
        if (end <= first) return;
        try
        {
            _ = Madvise((nint)first, (nuint)(end - first), MadvDontNeed);
        }
        catch (DllNotFoundException)
        {
            // Not glibc/musl: keep the pages; only memory use is affected.
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
