using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Streaming;

/// <summary>
/// Writes Server-Sent Events (<c>data: {json}\n\n</c>, ending with <c>data: [DONE]</c>) straight into the response pipe.
/// Writes are buffered; the caller flushes when it is about to wait for the engine, so a burst of tokens costs one flush.
/// </summary>
internal sealed class SseWriter
{
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Suffix = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly HttpResponse _response;
    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;

    public SseWriter(HttpResponse response)
    {
        _response = response;
        _pipe = response.BodyWriter;
        _json = new Utf8JsonWriter(_pipe, new JsonWriterOptions { SkipValidation = true });
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    public void Write<T>(T value, JsonTypeInfo<T> type)
    {
        _pipe.Write(Prefix);
        _json.Reset(_pipe);
        JsonSerializer.Serialize(_json, value, type);
        _json.Flush();
        _pipe.Write(Suffix);
    }

    public void WriteDone() => _pipe.Write(Done);

    /// <summary>
    /// The hot path: one token's text as a chunk, from a template built once per response (<see cref="TextChunkTemplate"/>).
    /// Text that is printable ASCII needing no JSON escape (almost every token) is copied straight into one span of the
    /// pipe, so the event costs one <c>GetSpan</c>/<c>Advance</c> and no allocation; anything else (non-ASCII, quotes,
    /// control characters, <c>&lt;</c>, …) goes through <see cref="Utf8JsonWriter"/>, so the bytes are the same either way.
    /// </summary>
    public void WriteText(TextChunkTemplate template, int index, string text)
    {
        Debug.Assert(index >= 0);
        if (text.Length <= MaxInlineText)
        {
            var span = _pipe.GetSpan(template.FixedLength + MaxIndexDigits + 2 + text.Length);
            var n = Copy(template.Head, span);
            Utf8Formatter.TryFormat(index, span[n..], out var digits);
            n += digits;
            n += Copy(template.Middle, span[n..]);
            span[n++] = (byte)'"';
            if (Ascii.FromUtf16(text, span[n..], out var written) == OperationStatus.Done
                && JavaScriptEncoder.Default.FindFirstCharacterToEncodeUtf8(span.Slice(n, written)) < 0)
            {
                n += written;
                span[n++] = (byte)'"';
                n += Copy(template.Tail, span[n..]);
                _pipe.Advance(n);
                return;
            }
        }
        WriteTextEscaped(template, index, text);
    }

    private const int MaxInlineText = 1024;
    private const int MaxIndexDigits = 10;

    private static int Copy(byte[] source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    /// <summary>The general path of <see cref="WriteText"/>: the serializer's escaping, nothing written before it.</summary>
    private void WriteTextEscaped(TextChunkTemplate template, int index, string text)
    {
        _pipe.Write(template.Head);
        _json.Reset(_pipe);
        _json.WriteNumberValue(index);
        _json.Flush();
        _pipe.Write(template.Middle);
        _json.Reset(_pipe);
        _json.WriteStringValue(text);
        _json.Flush();
        _pipe.Write(template.Tail);
    }

    /// <summary>Sends what is buffered. False when the client has gone.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> FlushAsync(CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return false;
        var result = await _pipe.FlushAsync(ct).ConfigureAwait(false);
        return !result.IsCanceled && !result.IsCompleted;
    }

    public HttpResponse Response => _response;
}
