using Gantry.Models.Tokenizers;
using Gantry.Security;
using Gantry.Server.Validation;

namespace Gantry.Server.Access;

/// <summary>
/// Where the server's validated <see cref="GenerationPlan"/> meets <see cref="SecurityGate"/>: the plan's prompt tokens,
/// n and max_tokens become the admission's numbers, and an admitted key's tenant is mixed into the prefix-cache salt so
/// tenants never share (or time) each other's cached prompts.
/// </summary>
internal static class PlanAdmission
{
    /// <param name="modelName">The name the key must be allowed (a cascade route's); null: the plan's served model.</param>
    public static SecurityError? Admit(RequestSecurity sec, GenerationPlan plan, bool logPrompts, string? modelName = null)
    {
        var promptTokens = 0;
        foreach (var p in plan.Prompts) promptTokens += p.Length;
        long maxNew = 0;
        for (var c = 0; c < plan.ChoiceCount; c++) maxNew += plan.MaxTokens[c / plan.N];
        var largest = plan.MaxTokens.Count == 0 ? 0 : plan.MaxTokens.Max();
        var text = logPrompts ? string.Join("\n", plan.Prompts.Select(p => plan.Model.Model.Tokenizer.Decode(p))) : null;
        return SecurityGate.Admit(sec, modelName ?? plan.Model.Name, promptTokens, plan.N, largest, maxNew, text);
    }

    public static GenerationPlan Isolate(GenerationPlan plan, RequestSecurity sec) =>
        sec.Key is { } key ? plan with { CacheSalt = $"tenant:{key.Tenant.Name}\n{plan.CacheSalt}" } : plan;
}
