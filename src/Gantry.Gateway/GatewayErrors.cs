using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gantry.Gateway;

/// <summary>The gateway's own errors, in OpenAI's shape <c>{"error":{"message","type","param","code"}}</c>, like the replicas'.</summary>
public static class GatewayErrors
{
    public static async Task WriteAsync(HttpContext ctx, int status, string message, string type, string code, string? param = null)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(ctx.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        if (param is null) writer.WriteNull("param");
        else writer.WriteString("param", param);
        writer.WriteString("code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
    }
}
