using System.Buffers;
using System.IO.Pipelines;
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
    /// The hot path: one token's text as a chunk, from a template built once per response (<see cref="TextChunkTemplate"/>),
    /// with no serializer and no allocation beyond the escaping.
    /// </summary>
    public void WriteText(TextChunkTemplate template, int index, string text)
    {
        _pipe.Write(Prefix);
        _pipe.Write(template.Head);
        _json.Reset(_pipe);
        _json.WriteNumberValue(index);
        _json.Flush();
        _pipe.Write(template.Middle);
        _json.Reset(_pipe);
        _json.WriteStringValue(text);
        _json.Flush();
        _pipe.Write(template.Tail);
        _pipe.Write(Suffix);
    }

    /// <summary>Sends what is buffered. False when the client has gone.</summary>
    public async ValueTask<bool> FlushAsync(CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return false;
        var result = await _pipe.FlushAsync(ct).ConfigureAwait(false);
        return !result.IsCanceled && !result.IsCompleted;
    }

    public HttpResponse Response => _response;
}
