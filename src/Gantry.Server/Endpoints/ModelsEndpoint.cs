using Gantry.Server.Catalog;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Endpoints;

/// <summary><c>GET /v1/models</c>: every served model (the demo model says it has random weights).</summary>
internal sealed class ModelsEndpoint(ModelRegistry registry)
{
    public const string Path = "/v1/models";

    public Task HandleAsync(HttpContext ctx)
    {
        var cards = registry.Models.Select(m => new ModelCard(m.Name, m.Created, "gantry", m.ContextLength, m.Description)).ToList();
        return ctx.Response.WriteAsJsonAsync(new ModelList(cards), ProtocolJson.Default.ModelList, cancellationToken: ctx.RequestAborted);
    }
}
