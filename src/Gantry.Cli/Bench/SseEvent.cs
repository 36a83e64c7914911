using System.Text.Json;

namespace Gantry.Cli.Bench;

/// <summary>What one line of an OpenAI completions stream is, to a load generator that counts tokens.</summary>
internal enum SseEventKind
{
    /// <summary>Not a <c>data:</c> line (blank separators, comments, other fields).</summary>
    None,

    /// <summary>A chunk carrying one token's text.</summary>
    Token,

    /// <summary>The chunk with a choice's finish reason (no token).</summary>
    Finish,

    /// <summary>The usage chunk (<c>stream_options.include_usage</c>).</summary>
    Usage,

    /// <summary>An error event.</summary>
    Error,

    /// <summary><c>data: [DONE]</c>.</summary>
    Done,
}

/// <summary>
/// Classifies SSE lines by looking for a few fixed byte strings, without parsing JSON: inside a JSON string a quote is
/// escaped, so <c>"usage":{</c>, <c>"error"</c> and <c>"finish_reason":"</c> can only be the server's own keys.
/// Only the usage chunk, once per request, is parsed.
/// </summary>
internal static class SseEvent
{
    public static SseEventKind Classify(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("data: "u8)) return SseEventKind.None;
        var data = line[6..];
        if (data.SequenceEqual("[DONE]"u8)) return SseEventKind.Done;
        if (data.IndexOf("\"usage\":{"u8) >= 0) return SseEventKind.Usage;
        if (data.IndexOf("\"error\""u8) >= 0) return SseEventKind.Error;
        if (data.IndexOf("\"finish_reason\":\""u8) >= 0) return SseEventKind.Finish;
        return SseEventKind.Token;
    }

    /// <summary><c>usage.completion_tokens</c> of a usage line (<c>data: {…}</c>).</summary>
    public static int CompletionTokens(ReadOnlySpan<byte> line)
    {
        using var doc = JsonDocument.Parse(line[6..].ToArray());
        return doc.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
    }
}
