using System.Runtime.InteropServices;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Weight buffers in 2 MiB pages where the OS gives them on request (Linux transparent huge pages in <c>madvise</c>
/// mode, the common default). Decode streams every weight byte once per token: in 4 KiB pages a 1.1B model's
/// 600 MB are 150,000 pages, each a TLB miss and a page walk per token; in 2 MiB pages they are 300. Elsewhere, or
/// when the advice is refused, the buffer simply stays in small pages.
/// </summary>
internal static unsafe partial class HugePages
{
    /// <summary>The huge page size the buffers are aligned to.</summary>
    public const int PageBytes = 2 << 20;
    private const int MadvHugePage = 14;

    /// <summary>
    /// An uninitialised buffer of <paramref name="bytes"/> (a whole number of <see cref="PageBytes"/>), aligned to
    /// <see cref="PageBytes"/> and advised into huge pages; free it with <see cref="NativeMemory.AlignedFree"/>.
    /// </summary>
    public static byte* Allocate(long bytes)
    {
        if (bytes <= 0 || bytes % PageBytes != 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "Not a whole number of huge pages.");
        var p = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, PageBytes);
        Advise(p, bytes);
        return p;
    }

    // Before the first write: the pages are then faulted in huge from the start.
    private static void Advise(byte* p, long bytes)
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = Madvise((nint)p, (nuint)bytes, MadvHugePage);
        }
        catch (DllNotFoundException)
        {
            // Not glibc/musl: small pages; only speed is affected.
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
