using System.Text;
using Gantry.Cli.Hub;

namespace Gantry.Cli.Bench;

/// <summary>
/// Where <see cref="BenchRunner"/> reports its phases ("prefill: 128 tokens", "decode: batch 4", …): on a terminal a
/// progress bar over the expected number of phases; piped, the same phases as plain lines on stderr; with <c>--json</c>
/// nothing. Each <see cref="WriteLine(string)"/> starts the next phase.
/// </summary>
internal sealed class BenchProgress : TextWriter
{
    private readonly TerminalProgressBar _bar;
    private readonly int _total;
    private int _started;

    private BenchProgress(TerminalProgressBar bar, int total)
    {
        _bar = bar;
        _total = total;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The writer for a run of <paramref name="s"/>: null for JSON output, a bar on a terminal, else stderr.</summary>
    public static TextWriter? For(BenchSettings s, bool json)
    {
        if (json) return null;
        return TerminalProgressBar.Create() is { } bar ? new BenchProgress(bar, ExpectedPhases(s)) : Console.Error;
    }

    /// <summary>The phases <see cref="BenchRunner.Run"/> announces for these settings (the bar is clamped if it says more).</summary>
    internal static int ExpectedPhases(BenchSettings s)
    {
        var phases = 2 + s.BatchSizes.Count;                 // warm-up, prefill, one decode per batch size
        if (s.PrefixTokens > 0) phases++;                     // time to first token with a cached prefix
        if (s.Speculative is { Method: not Engine.Speculative.SpeculativeMethod.Off })
            phases += 1 + (s.Workload == BenchWorkload.Extractive ? s.Repeats : 0); // verify cost, comparison rounds
        phases += 1 + s.Repeats;                              // constrained decode and its rounds
        return phases + 1;                                    // memory bandwidth
    }

    public override void WriteLine(string? value) => _bar.Step("bench", _started++, _total, value ?? "");

    public override void Write(char value)
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bar.Step("bench", _total, _total, "done");
            _bar.Dispose();
        }
        base.Dispose(disposing);
    }
}
