using System.Diagnostics;
using System.Text;
using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pii;
using Gantry.Guardrails.Pipeline;

namespace Gantry.Guardrails.Streaming;

/// <summary>
/// Applies the output checks to a completion that arrives as text deltas. Owned by the one task that streams a
/// request's tokens; not thread-safe.
/// </summary>
/// <remarks>
/// Design: text is released only once at least <see cref="GuardrailPolicy.StreamHoldBackChars"/> characters have
/// arrived after it. Each scan covers a little released text (left context) plus everything pending, so any
/// match no longer than the window is seen whole before its first character is released, however the deltas
/// split it. Invariants: released text never changes; a redacted span is replaced in what is released; a cut
/// never falls inside a span that may still grow, inside a surrogate pair, inside a token-like run still reaching
/// the end of the text, or after the header of a private key whose END line has not arrived (such runs and keys are
/// held, unbounded, until they end or the stream completes). A block
/// releases nothing further and every later call returns the same blocked result.
/// </remarks>
public sealed class StreamingOutputGuard
{
    /// <summary>Pending text beyond the window before a scan is worth doing; batches small deltas so a 4 KB
    /// completion costs about 4096 / ScanStep scans.</summary>
    private const int ScanStep = 48;

    /// <summary>Released text kept as left context for the next scan (key names before a value, look-behinds).
    /// Spans cannot begin in it unseen: anything released had a full window after it when it was scanned.</summary>
    private const int ContextChars = 64;

    private readonly GuardrailPipeline _pipeline;
    private readonly GuardrailPolicy _policy;
    private readonly int _window;
    private readonly StringBuilder _pending = new();
    private readonly List<(int Start, int End, string Placeholder)> _redactions = [];
    private string _tail = "";
    private StreamingGuardResult? _blocked;

    public StreamingOutputGuard(GuardrailPolicy policy, GuardrailPipeline? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.StreamHoldBackChars, 1, nameof(policy));
        _policy = policy;
        _pipeline = pipeline ?? GuardrailPipelines.Output;
        _window = policy.StreamHoldBackChars;
    }

    /// <summary>Characters released so far (after redaction they may differ in length from what the model wrote).</summary>
    public int ReleasedChars { get; private set; }

    public bool IsBlocked => _blocked is not null;

    /// <summary>Adds a delta; returns the text now safe to send (often empty) or a block.</summary>
    public StreamingGuardResult Push(ReadOnlySpan<char> delta)
    {
        if (_blocked is { } b) return b;
        _pending.Append(delta);
        return _pending.Length >= _window + ScanStep ? Release(final: false) : StreamingGuardResult.Pass("");
    }

    /// <summary>The stream has ended: scans and releases everything held.</summary>
    public StreamingGuardResult Complete() => _blocked ?? (_pending.Length == 0 ? StreamingGuardResult.Pass("") : Release(final: true));

    private StreamingGuardResult Release(bool final)
    {
        var pending = _pending.ToString();
        var scan = _tail + pending;
        _redactions.Clear();
        var verdict = _pipeline.Evaluate(scan, TextOrigin.Instruction, _policy, _redactions);
        if (verdict.IsBlocked)
        {
            _pending.Clear();
            _blocked = new StreamingGuardResult("", true, new GuardrailError(GuardrailError.BlockedCode, verdict.BlockedBy!, verdict.Flagged));
            return _blocked.Value;
        }

        var tailLen = _tail.Length;
        var cut = final ? scan.Length : scan.Length - _window;
        if (!final)
        {
            foreach (var (start, end, _) in _redactions)
                if (start < cut && end > cut) cut = Math.Max(tailLen, start); // the span may still grow: hold it
            if (PiiDetector.OpenPrivateKeyStart(scan) is var open && open >= 0) cut = Math.Min(cut, Math.Max(tailLen, open));
            if (TrailingTokenRunStart(scan) is var run && run >= 0) cut = Math.Min(cut, Math.Max(tailLen, run));
            if (cut > tailLen && char.IsHighSurrogate(scan[cut - 1])) cut--;
        }
        if (cut <= tailLen) return StreamingGuardResult.Pass("");

        var released = Redact(scan, tailLen, cut);
        var keep = Math.Min(ContextChars, cut);
        _tail = scan.Substring(cut - keep, keep);
        _pending.Remove(0, cut - tailLen);
        ReleasedChars += released.Length;
        Debug.Assert(final ? _pending.Length == 0 : _pending.Length >= 0);
        return StreamingGuardResult.Pass(released);
    }

    /// <summary>Start of a token-like run (letters, digits, _-.=+/) of 20 or more characters that reaches the end of
    /// <paramref name="scan"/>, or -1: a key or JWT still arriving may be longer than the window, so it is held
    /// whole until it ends.</summary>
    private static int TrailingTokenRunStart(string scan)
    {
        var i = scan.Length;
        while (i > 0 && (char.IsAsciiLetterOrDigit(scan[i - 1]) || scan[i - 1] is '_' or '-' or '.' or '=' or '+' or '/')) i--;
        return scan.Length - i >= 20 ? i : -1;
    }

    /// <summary>scan[from..to) with the redactions that overlap it replaced; a span begun in released text is
    /// replaced from <paramref name="from"/> on.</summary>
    private string Redact(string scan, int from, int to)
    {
        if (_redactions.Count == 0) return scan[from..to];
        _redactions.Sort((a, b) => a.Start.CompareTo(b.Start));
        var sb = new StringBuilder(to - from);
        var pos = from;
        foreach (var (start, end, placeholder) in _redactions)
        {
            if (end <= pos || start >= to) continue;
            var s = Math.Max(start, pos);
            sb.Append(scan, pos, s - pos).Append(placeholder);
            pos = Math.Min(end, to);
        }
        return sb.Append(scan, pos, to - pos).ToString();
    }
}
