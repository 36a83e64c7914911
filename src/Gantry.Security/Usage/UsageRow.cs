namespace Gantry.Security.Usage;

/// <summary>
/// Usage of one model by one tenant over a period. With differential privacy on, the counts are noisy reals and
/// <see cref="Cost"/> is null (costs have no bounded sensitivity to release them under).
/// </summary>
public sealed record UsageRow(string Tenant, string Model, double Requests, double PromptTokens, double CompletionTokens,
    Gantry.Engine.Costs.RequestCost? Cost = null);
