using System.Diagnostics;

namespace Gantry.Cli.Hub;

/// <summary>
/// A one-line progress bar on stderr, redrawn at most ten times a second, and only when stderr is a terminal: piped
/// or captured output (and <c>--json</c>) never sees it. <see cref="Create"/> returns null otherwise. Shows bytes
/// (downloads, model page-in, quantization) through <see cref="Report"/> or steps (bench phases) through <see cref="Step"/>.
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

    /// <summary>A bar when stderr is a terminal and <paramref name="quiet"/> is off; null otherwise (callers pass it on as is).</summary>
    public static TerminalProgressBar? Create(bool quiet = false) => quiet || !IsTerminal ? null : new TerminalProgressBar();

    /// <summary>Whether stderr is a terminal (not a pipe, file or test capture).</summary>
    public static bool IsTerminal => !Console.IsErrorRedirected;

    /// <summary>Bytes done of a file.</summary>
    public void Report(DownloadStatus value)
    {
        var final = value.Total is { } t && value.Done >= t;
        if (!Due(final)) return;
        var seconds = Math.Max(1e-3, Stopwatch.GetElapsedTime(_start).TotalSeconds);
        var rate = $"{Mib(value.Done / seconds)}/s";
        Draw(value.Total is { } total && total > 0
            ? $"{value.File} {Bar((double)value.Done / total)} {Mib(value.Done)}/{Mib(total)} {rate}"
            : $"{value.File} {Mib(value.Done)} {rate}");
    }

    /// <summary>This bar as a synchronous byte counter for a library (<see cref="Progress{T}"/> would report late, on the thread pool).</summary>
    public IProgress<(long Done, long Total)> Bytes(string label) => new ByteCounter(this, label);

    private sealed class ByteCounter(TerminalProgressBar bar, string label) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => bar.Report(new DownloadStatus(label, value.Done, value.Total));
    }

    /// <summary>Step <paramref name="done"/> of <paramref name="total"/> begins (or, at <paramref name="total"/>, all are done).</summary>
    public void Step(string label, int done, int total, string what)
    {
        if (!Due(done >= total)) return;
        Draw($"{label} {Bar((double)Math.Min(done, total) / total)} {Math.Min(done, total)}/{total} {what}");
    }

    private bool Due(bool final)
    {
        var now = Stopwatch.GetTimestamp();
        if (!final && _drawn && Stopwatch.GetElapsedTime(_lastDraw, now).TotalMilliseconds < 100) return false;
        _lastDraw = now;
        return true;
    }

    private void Draw(string line)
    {
        _drawn = true;
        Console.Error.Write("\r" + line + "\u001b[K");
    }

    private static string Bar(double fraction)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        return $"[{new string('#', (int)(Width * fraction)).PadRight(Width)}] {100 * fraction,5:F1}%";
    }

    public void Dispose()
    {
        if (_drawn) Console.Error.WriteLine();
    }

    private static string Mib(double bytes) => $"{bytes / (1 << 20):F1} MiB";
}
