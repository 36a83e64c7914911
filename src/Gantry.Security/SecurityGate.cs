using System.Globalization;
using Gantry.Security.Limits;

namespace Gantry.Security;

/// <summary>
/// Admission of a validated generation request, between validation and the engine: model allow-list (403), the key's
/// per-request limits (400), then rate limits and quotas (429). The tokens reserved are the worst case —
/// prompt tokens + max_tokens of every choice — and <see cref="Complete"/> corrects them to the real use.
/// </summary>
public static class SecurityGate
{
    /// <param name="promptTokens">Sum over the request's prompts.</param>
    /// <param name="maxNewTokens">Sum over the request's choices of their max_tokens.</param>
    public static SecurityError? Admit(RequestSecurity request, string model, int promptTokens, int n, int largestMaxTokens, long maxNewTokens, string? promptText)
    {
        request.Model = model;
        request.PromptTokens = promptTokens;
        var key = request.Key;
        if (key is null) return null; // --auth none
        var tenant = key.Tenant;
        if (!tenant.MayUse(model)) return SecurityError.ModelNotAllowed(model);
        var l = tenant.Limits;
        if (l.MaxPromptTokens is { } mp && promptTokens > mp)
            return SecurityError.OverLimit("prompt", $"The prompt has {promptTokens} tokens; this key allows at most {mp}");
        if (l.MaxN is { } mn && n > mn) return SecurityError.OverLimit("n", $"n is {n}; this key allows at most {mn}");
        if (l.MaxTokens is { } mt && largestMaxTokens > mt)
            return SecurityError.OverLimit("max_tokens", $"max_tokens is {largestMaxTokens}; this key allows at most {mt}");
        var limiter = request.Limiter!;
        var admission = limiter.Admit(promptTokens + maxNewTokens);
        request.Admission = admission;
        if (admission.Admitted)
        {
            request.Prompt = promptText;
            return null;
        }
        var quota = admission.RefusedBy is LimitKind.DailyQuota or LimitKind.MonthlyQuota;
        return SecurityError.RateLimited(Describe(admission), admission.RetryAfterSeconds, quota);
    }

    /// <summary>Corrects the reservation to the tokens really used and frees the concurrency slot. Safe to call twice.</summary>
    public static void Complete(RequestSecurity request)
    {
        if (request.Admission is { Admitted: true } a) request.Limiter?.Complete(a, request.PromptTokens + request.CompletionTokens);
    }

    private static string Describe(Admission a)
    {
        var wait = a.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return a.RefusedBy switch
        {
            LimitKind.Requests => $"Rate limit reached for requests per minute; retry in {wait} s",
            LimitKind.Tokens => $"Rate limit reached for tokens per minute (prompt + max_tokens reserved); retry in {wait} s",
            LimitKind.Concurrency => "Too many requests in flight for this key; retry when one finishes",
            LimitKind.DailyQuota => $"Daily token quota exhausted; it resets in {wait} s",
            LimitKind.MonthlyQuota => $"Monthly token quota exhausted; it resets in {wait} s",
            _ => "Rate limited",
        };
    }
}
