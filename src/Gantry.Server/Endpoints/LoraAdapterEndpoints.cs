using System.Text.Json;
using Gantry.Server.Catalog;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Endpoints;

/// <summary>
/// vLLM's runtime adapter API: <c>POST /v1/load_lora_adapter</c> with <c>{"lora_name": …, "lora_path": …}</c> and
/// <c>POST /v1/unload_lora_adapter</c> with <c>{"lora_name": …}</c>. Success is 200 with vLLM's one-line text; every
/// refusal is OpenAI-style error JSON (400 bad body, name or file; 404 unknown adapter; 503 no base model yet).
/// </summary>
internal sealed class LoraAdapterEndpoints(LoraAdapterRegistry adapters)
{
    public const string LoadPath = "/v1/load_lora_adapter";
    public const string UnloadPath = "/v1/unload_lora_adapter";

    public async Task LoadAsync(HttpContext ctx)
    {
        if (await ReadAsync(ctx).ConfigureAwait(false) is not { } body) return;
        var name = Text(body, "lora_name");
        if (adapters.Load(name, Text(body, "lora_path")) is { } error)
        {
            await ErrorWriter.WriteAsync(ctx, error).ConfigureAwait(false);
            return;
        }
        await ctx.Response.WriteAsync($"Success: LoRA adapter '{name}' added successfully.", ctx.RequestAborted).ConfigureAwait(false);
    }

    public async Task UnloadAsync(HttpContext ctx)
    {
        if (await ReadAsync(ctx).ConfigureAwait(false) is not { } body) return;
        var name = Text(body, "lora_name");
        if (adapters.Unload(name) is { } error)
        {
            await ErrorWriter.WriteAsync(ctx, error).ConfigureAwait(false);
            return;
        }
        await ctx.Response.WriteAsync($"Success: LoRA adapter '{name}' removed successfully.", ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The body as a JSON object, or null after answering 400.</summary>
    private static async Task<JsonElement?> ReadAsync(HttpContext ctx)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
        }
        await ErrorWriter.WriteAsync(ctx, ApiError.Invalid("", "The request body must be a JSON object") with { Param = null }).ConfigureAwait(false);
        return null;
    }

    private static string? Text(JsonElement body, string field) =>
        body.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
