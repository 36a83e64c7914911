using System.CommandLine;
using System.Globalization;
using Gantry.Security;
using Gantry.Security.Audit;
using Gantry.Security.Storage;
using Gantry.Security.Usage;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry audit [--since 24h] [--tenant NAME]</c>: the audit log, newest first, one request per line; with
/// <c>--usage</c> the per-tenant, per-model totals instead, and with <c>--dp-epsilon ε</c> a differentially private export.
/// </summary>
internal static class AuditCommand
{
    public static Command Build()
    {
        var stateDir = SecurityOptions.StateDir();
        var since = SecurityOptions.Since();
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's requests" };
        var limit = new Option<int>("--limit") { Description = "Most records to print", DefaultValueFactory = _ => 1000 };
        var usage = new Option<bool>("--usage") { Description = "Print totals per tenant and model instead of records" };
        var epsilon = new Option<double?>("--dp-epsilon") { Description = "With --usage: add Laplace noise for ε-differential privacy per request (for sharing outside the team)" };
        var command = new Command("audit", "Print the audit log (no prompt text unless the server ran with --log-prompts) or usage totals")
        {
            since, tenant, limit, usage, epsilon, stateDir,
        };
        command.SetAction(parse =>
        {
            var from = SecurityOptions.ParseSince(parse.GetValue(since)!, DateTimeOffset.UtcNow);
            if (parse.GetValue(limit) < 1) throw new CliUsageException("--limit must be positive");
            if (parse.GetValue(epsilon) is not null && !parse.GetValue(usage)) throw new CliUsageException("--dp-epsilon needs --usage");
            var db = StateDatabase.Open(parse.GetValue(stateDir));
            if (parse.GetValue(usage))
            {
                PrintUsage(new UsageAggregator(db), from, parse.GetValue(tenant), parse.GetValue(epsilon));
                return 0;
            }
            Console.WriteLine("TIME                     REQUEST-ID                            KEY           TENANT          MODEL               STATUS  PROMPT  COMPL  LATENCY-MS  CLIENT           GUARDRAILS");
            foreach (var r in new AuditLog(db).Query(new AuditQuery(from, parse.GetValue(tenant), parse.GetValue(limit))))
            {
                var time = r.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{time,-25}{r.RequestId,-38}{r.KeyId ?? "-",-14}{r.Tenant ?? "-",-16}{r.Model ?? "-",-20}{r.Status,-8}{r.PromptTokens,-8}{r.CompletionTokens,-7}{r.LatencyMs,-12:F1}{r.Client ?? "-",-17}{r.Guardrails ?? "-"}"));
                if (r.Prompt is not null) Console.WriteLine("    prompt (redacted): " + r.Prompt.ReplaceLineEndings(" "));
            }
            return 0;
        });
        return command;
    }

    private static void PrintUsage(UsageAggregator aggregator, DateTimeOffset from, string? tenant, double? epsilon)
    {
        var rows = epsilon is { } e ? aggregator.AggregatePrivate(from, e, LaplaceMechanism.Secure()) : aggregator.Aggregate(from);
        if (epsilon is { } eps)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# differentially private: epsilon={eps}, per-request tokens clamped to {UsageAggregator.TokenClamp}"));
        Console.WriteLine("TENANT              MODEL               REQUESTS    PROMPT-TOKENS   COMPLETION-TOKENS");
        foreach (var u in rows.Where(u => tenant is null || u.Tenant == tenant))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{u.Tenant,-20}{u.Model,-20}{u.Requests,-12:0}{u.PromptTokens,-16:0}{u.CompletionTokens:0}"));
    }
}
