using System.Globalization;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Endpoints;

/// <summary><c>GET /v1/models</c>: every served model (the demo model says it has random weights), then every LoRA adapter,
/// then every cascade route.</summary>
internal sealed class ModelsEndpoint(ModelRegistry registry, LoraAdapterRegistry adapters, IOptions<ServerOptions> options)
{
    public const string Path = "/v1/models";

    public Task HandleAsync(HttpContext ctx)
    {
        // Every routed name, loaded or scaled to zero (a request loads it), described by its main version's last load.
        var cards = registry.Routes.Select(r => r.Primary).Select(s => new ModelCard(s.Name, s.Created, "gantry", s.ContextLength, s.Description)).ToList();
        // Adapters after the models, each naming its base as parent (how vLLM lists them).
        foreach (var a in adapters.Adapters.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var baseCard = cards.FirstOrDefault(c => c.Id == a.BaseName);
            cards.Add(new ModelCard(a.Name, a.Created, "gantry", baseCard?.MaxModelLen ?? 0, $"LoRA adapter (rank {a.Rank}) on {a.BaseName}, from {System.IO.Path.GetFileName(a.Path)}", a.BaseName));
        }
        // Cascades last: a request may name them like a model; their context is the smaller of their two models'.
        var served = cards.Where(c => c.Parent is null).ToList();
        foreach (var c in options.Value.Cascades)
        {
            var lengths = served.Where(m => m.Id == c.Small || m.Id == c.Large).Select(m => m.MaxModelLen).DefaultIfEmpty(0);
            var min = (c.MinMeanLogProb ?? options.Value.CascadeMinMeanLogProb).ToString(CultureInfo.InvariantCulture);
            cards.Add(new ModelCard(c.Name, 0, "gantry", lengths.Min(),
                $"Cascade: {c.Small} answers, {c.Large} when the answer falls short (mean token log-probability below {min}, JSON that does not parse, a guardrail verdict)"));
        }
        return ctx.Response.WriteAsJsonAsync(new ModelList(cards), ProtocolJson.Default.ModelList, cancellationToken: ctx.RequestAborted);
    }
}
