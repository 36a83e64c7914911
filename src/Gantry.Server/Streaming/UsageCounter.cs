using Gantry.Engine;
using Gantry.Security;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;

namespace Gantry.Server.Streaming;

/// <summary>Sums a request's usage over its choices: each prompt counted once, every choice's completion tokens.</summary>
internal sealed class UsageCounter(GenerationPlan plan, RequestSecurity? security = null)
{
    private int _completion;
    private int _cached;

    public void Add(int choice, GenerationUsage? usage)
    {
        if (usage is null) return;
        _completion += usage.CompletionTokens;
        if (security is not null) security.CompletionTokens += usage.CompletionTokens; // audit and token-limit correction
        if (choice % plan.N == 0) _cached += usage.CachedPromptTokens;
    }

    public Usage ToUsage()
    {
        var prompt = 0;
        foreach (var p in plan.Prompts) prompt += p.Length;
        return new Usage(prompt, _completion, prompt + _completion, new PromptTokensDetails(_cached));
    }
}
