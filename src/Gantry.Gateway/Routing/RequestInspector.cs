using System.Text.Json;
using Gantry.Models.ChatTemplates;
using Microsoft.AspNetCore.Http;

namespace Gantry.Gateway.Routing;

/// <summary>
/// The first stage of the proxy pipeline: gives the request an <c>x-request-id</c> (the client's when acceptable), buffers
/// its body (so a retry can send it again), and reads the fields routing needs: <c>model</c>, <c>user</c>, <c>stream</c>,
/// <c>cache_salt</c> and the prompt. A body that is not JSON is still forwarded: the replica owns validation and answers
/// with its own 400, so clients see one set of error messages whether or not a gateway is in front.
/// </summary>
public sealed class RequestInspector(PromptKeyer keyer, GatewayOptions options)
{
    public const string RequestIdHeader = "x-request-id";

    public async Task InvokeAsync(HttpContext ctx, Func<Task> next)
    {
        var requestId = ctx.Request.Headers[RequestIdHeader].ToString();
        if (!IsAcceptableId(requestId))
        {
            requestId = "req_" + Guid.NewGuid().ToString("N");
            ctx.Request.Headers[RequestIdHeader] = requestId;
        }
        if (ctx.Request.ContentLength > options.MaxBodyBytes)
        {
            await GatewayErrors.WriteAsync(ctx, 413, $"Request body is larger than {options.MaxBodyBytes} bytes", "invalid_request_error", "request_too_large").ConfigureAwait(false);
            return;
        }
        ctx.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: options.MaxBodyBytes);
        RoutingRequest routing;
        try
        {
            routing = HttpMethods.IsPost(ctx.Request.Method) ? await ReadAsync(ctx, requestId).ConfigureAwait(false) : new RoutingRequest { RequestId = requestId };
        }
        catch (IOException) when (!ctx.RequestAborted.IsCancellationRequested)
        {
            // EnableBuffering's limit: the body was longer than its Content-Length said, or chunked and too long.
            await GatewayErrors.WriteAsync(ctx, 413, $"Request body is larger than {options.MaxBodyBytes} bytes", "invalid_request_error", "request_too_large").ConfigureAwait(false);
            return;
        }
        ctx.Request.Body.Position = 0;
        ctx.Features.Set(routing);
        await next().ConfigureAwait(false);
    }

    private async Task<RoutingRequest> ReadAsync(HttpContext ctx, string requestId)
    {
        var session = ctx.Request.Headers[options.SessionHeader].ToString();
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return new RoutingRequest { RequestId = requestId, Session = session.Length > 0 ? session : null };
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new RoutingRequest { RequestId = requestId };
            var model = String(root, "model");
            var salt = String(root, "cache_salt");
            var user = String(root, "user");
            return new RoutingRequest
            {
                RequestId = requestId,
                Model = model,
                Session = user ?? (session.Length > 0 ? session : null),
                Stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True,
                PrefixKey = Key(root, model, salt),
                ReserveTokens = Reserve(root, ctx.Request.Body.Length),
                PromptTokensEstimate = ctx.Request.Body.Length / 4,
            };
        }
    }

    private ulong? Key(JsonElement root, string? model, string? salt)
    {
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            var list = new List<ChatMessage>();
            foreach (var m in messages.EnumerateArray())
            {
                if (m.ValueKind != JsonValueKind.Object) return null;
                list.Add(new ChatMessage(String(m, "role") ?? "", Content(m)));
            }
            return list.Count > 0 ? keyer.ForChat(model, list, salt) : null;
        }
        if (!root.TryGetProperty("prompt", out var prompt)) return null;
        var first = prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() > 0 && prompt[0].ValueKind is JsonValueKind.String or JsonValueKind.Array
            ? prompt[0] : prompt;
        switch (first.ValueKind)
        {
            case JsonValueKind.String:
                return keyer.ForText(model, first.GetString()!, salt);
            case JsonValueKind.Array:
                var ids = new List<int>();
                foreach (var t in first.EnumerateArray())
                {
                    if (!t.TryGetInt32(out var id)) return null;
                    ids.Add(id);
                }
                return keyer.ForTokens(ids.ToArray(), salt);
            default:
                return null;
        }
    }

    private static long Reserve(JsonElement root, long bodyBytes)
    {
        long maxNew = Int(root, "max_tokens") ?? Int(root, "max_completion_tokens") ?? DefaultMaxTokensReserved;
        long n = Int(root, "n") ?? 1;
        return bodyBytes / 4 + Math.Clamp(maxNew, 0, 1 << 20) * Math.Clamp(n, 1, 128);
    }

    /// <summary>What a request without max_tokens reserves (the replica's own limit corrects to the real use).</summary>
    public const int DefaultMaxTokensReserved = 256;

    private static long? Int(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i : null;

    /// <summary>A message's text: a string, or the text parts of a content array, joined.</summary>
    private static string Content(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var c)) return "";
        if (c.ValueKind == JsonValueKind.String) return c.GetString()!;
        if (c.ValueKind != JsonValueKind.Array) return "";
        var parts = c.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object).Select(p => String(p, "text")).OfType<string>();
        return string.Concat(parts);
    }

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The server's rule for client request ids: 1..128 characters of <c>[A-Za-z0-9._:-]</c>.</summary>
    public static bool IsAcceptableId(string id)
    {
        if (id.Length is 0 or > 128) return false;
        foreach (var c in id) if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':')) return false;
        return true;
    }
}
