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
        // Every routed name, loaded or scaled to zero (a request loads it), described by its main version's last load.
        var cards = registry.Routes.Select(r => r.Primary).Select(s => new ModelCard(s.Name, s.Created, "gantry", s.ContextLength, s.Description)).ToList();
        return ctx.Response.WriteAsJsonAsync(new ModelList(cards), ProtocolJson.Default.ModelList, cancellationToken: ctx.RequestAborted);
    }
}
