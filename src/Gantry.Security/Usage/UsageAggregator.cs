using Gantry.Security.Storage;
using System.Globalization;

namespace Gantry.Security.Usage;

/// <summary>
/// Usage per tenant and model from the audit log (served generation requests: a model and a status below 400), exact for the team (<c>GET /admin/usage</c>) or differentially private
/// for sharing outside it (<c>?dp_epsilon=ε</c>).
///
/// Privacy unit and sensitivity: one request. Each request adds 1 to one cell's request count and its prompt and
/// completion tokens, each clamped to <see cref="TokenClamp"/>, to that cell's token sums. Adding or removing one request
/// therefore moves the request count by at most 1 and each token sum by at most <see cref="TokenClamp"/>. The budget ε is
/// split evenly over the three released statistics (ε/3 each, sequential composition), so the whole export is
/// ε-differentially private per request. The set of (tenant, model) cells itself is not hidden: it is the team's own
/// configuration, not user data. Clamping biases totals of huge requests downwards; that is the price of a bounded sensitivity.
/// </summary>
public sealed class UsageAggregator(StateDatabase db)
{
    public const long TokenClamp = 4096;

    public IReadOnlyList<UsageRow> Aggregate(DateTimeOffset since, bool clamp = false)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        var p = clamp ? $"MIN(prompt_tokens, {TokenClamp.ToString(CultureInfo.InvariantCulture)})" : "prompt_tokens";
        var t = clamp ? $"MIN(completion_tokens, {TokenClamp.ToString(CultureInfo.InvariantCulture)})" : "completion_tokens";
        cmd.CommandText = $"""
            SELECT COALESCE(tenant, ''), COALESCE(model, ''), COUNT(*), SUM({p}), SUM({t}),
                SUM(flops), TOTAL(bytes_read), TOTAL(cpu_seconds), TOTAL(joules), TOTAL(grams_co2e), TOTAL(price)
            FROM audit WHERE time >= $since AND status < 400 AND model IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
            """;
        cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        using var r = cmd.ExecuteReader();
        var rows = new List<UsageRow>();
        while (r.Read())
        {
            // SUM is NULL when no request of the cell recorded a cost (rows from before costs were kept): no cost then.
            Gantry.Engine.Costs.RequestCost? cost = r.IsDBNull(5) ? null
                : new(r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10));
            rows.Add(new UsageRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), cost));
        }
        return rows;
    }

    public IReadOnlyList<UsageRow> AggregatePrivate(DateTimeOffset since, double epsilon, LaplaceMechanism noise)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentException($"dp_epsilon must be a positive number (got {epsilon})");
        var share = epsilon / 3;
        return Aggregate(since, clamp: true)
            .Select(u => u with
            {
                Requests = Math.Max(0, noise.Noisy(u.Requests, 1, share)),
                PromptTokens = Math.Max(0, noise.Noisy(u.PromptTokens, TokenClamp, share)),
                CompletionTokens = Math.Max(0, noise.Noisy(u.CompletionTokens, TokenClamp, share)),
                Cost = null,
            })
            .ToList();
    }
}
