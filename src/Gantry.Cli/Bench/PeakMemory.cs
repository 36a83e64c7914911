using System.Diagnostics;

namespace Gantry.Cli.Bench;

/// <summary>The process's peak resident set: Linux's <c>VmHWM</c>, else <see cref="Process.PeakWorkingSet64"/>.</summary>
internal static class PeakMemory
{
    public static long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                if (long.TryParse(kib, out var k)) return k * 1024;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
