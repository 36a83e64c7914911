using Gantry.Engine.Scheduling;
using Gantry.Models.Attention;

namespace Gantry.Engine;

/// <summary>How an engine sizes its KV cache and schedules steps.</summary>
public sealed record EngineOptions
{
    /// <summary>Bytes for the KV cache; the block count is derived from it.</summary>
    public long KvCacheBytes { get; init; } = 512L << 20;

    /// <summary>Token slots per block.</summary>
    public int BlockSize { get; init; } = 16;

    public KvCacheType KvCacheType { get; init; } = KvCacheType.F32;

    public bool EnablePrefixCaching { get; init; } = true;

    public SchedulerOptions Scheduler { get; init; } = new();

    public Speculative.SpeculativeOptions Speculative { get; init; } = new();

    /// <summary>
    /// Tokens handed to a request's stream at once after its first token (which always goes out at once, so time to
    /// first token is unchanged). 1 delivers every token as it is sampled. A larger value wakes the reader, and a
    /// server's socket write, once per that many tokens: less CPU per token on small, fast models, at the cost of
    /// burstier streams. The same knob as vLLM's and SGLang's <c>--stream-interval</c>.
    /// </summary>
    public int StreamInterval { get; init; } = 1;

    /// <summary>Parses sizes such as <c>512MiB</c>, <c>2GiB</c>, <c>1.5G</c> or a plain byte count.</summary>
    public static long ParseBytes(string text)
    {
        var s = text.Trim();
        var units = new (string Suffix, long Factor)[]
        {
            ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1000),
            ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1),
        };
        foreach (var (suffix, factor) in units)
        {
            if (!s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            if (double.TryParse(s[..^suffix.Length], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0)
                return (long)(v * factor);
            break;
        }
        if (long.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes > 0) return bytes;
        throw new FormatException($"'{text}' is not a size (examples: 536870912, 512MiB, 2GiB)");
    }
}
