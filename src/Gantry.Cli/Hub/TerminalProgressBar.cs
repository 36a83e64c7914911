using System.Diagnostics;

namespace Gantry.Cli.Hub;

/// <summary>
/// A one-line progress bar on stderr, redrawn at most ten times a second, and only when stderr is a terminal: piped
/// or captured output (and <c>--json</c>) never sees it. <see cref="Create"/> returns null otherwise.
/// </summary>
internal sealed class TerminalProgressBar : IProgress<DownloadStatus>, IDisposable
{
    private const int Width = 30;
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _lastDraw;
    private bool _drawn;

    private TerminalProgressBar()
    {
    }

    public static TerminalProgressBar? Create(bool quiet = false) => quiet || Console.IsErrorRedirected ? null : new TerminalProgressBar();

    public void Report(DownloadStatus value)
    {
        var now = Stopwatch.GetTimestamp();
        var final = value.Total is { } t && value.Done >= t;
        if (!final && Stopwatch.GetElapsedTime(_lastDraw, now).TotalMilliseconds < 100) return;
        _lastDraw = now;
        _drawn = true;
        var seconds = Math.Max(1e-3, Stopwatch.GetElapsedTime(_start, now).TotalSeconds);
        var rate = $"{Mib(value.Done / seconds)}/s";
        var line = value.Total is { } total && total > 0
            ? $"{value.File} [{new string('#', (int)(Width * value.Done / total)).PadRight(Width)}] {100.0 * value.Done / total,5:F1}% {Mib(value.Done)}/{Mib(total)} {rate}"
            : $"{value.File} {Mib(value.Done)} {rate}";
        Console.Error.Write("\r" + line + "\u001b[K");
    }

    public void Dispose()
    {
        if (_drawn) Console.Error.WriteLine();
    }

    private static string Mib(double bytes) => $"{bytes / (1 << 20):F1} MiB";
}
