using System.CommandLine;
using System.Globalization;
using Gantry.Guardrails.Pipeline;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Storage;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry keys create|list|revoke</c>: manage API keys in the state database. <c>create</c> prints the new key once,
/// alone on its last line (so <c>| tail -1</c> captures it); nothing else ever prints or stores it.
/// </summary>
internal static class KeysCommand
{
    public static Command Build() => new("keys", "Create, list and revoke API keys (stored as salted hashes)")
    {
        Create(),
        List(),
        Revoke(),
    };

    private static Command Create()
    {
        var stateDir = SecurityOptions.StateDir();
        var tenant = new Option<string>("--tenant") { Description = "Tenant the key belongs to", Required = true };
        var role = new Option<string>("--role") { Description = "user (model endpoints) or admin (also /admin endpoints)", DefaultValueFactory = _ => "user" };
        var models = new Option<string?>("--models") { Description = "Comma-separated models the key may use (default: all)" };
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute" };
        var tpm = new Option<int?>("--tpm") { Description = "Tokens per minute (prompt + max_tokens reserved on admission)" };
        var concurrent = new Option<int?>("--max-concurrent") { Description = "Requests in flight at once" };
        var perDay = new Option<long?>("--tokens-per-day") { Description = "Token quota per UTC day" };
        var perMonth = new Option<long?>("--tokens-per-month") { Description = "Token quota per UTC month" };
        var maxBody = new Option<long?>("--max-body-bytes") { Description = "Largest request body" };
        var maxPrompt = new Option<int?>("--max-prompt-tokens") { Description = "Largest prompt in tokens" };
        var maxN = new Option<int?>("--max-n") { Description = "Largest n (choices per prompt)" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Largest max_tokens" };
        var timeout = new Option<int?>("--timeout-seconds") { Description = "Wall-clock limit per request" };
        var guardrails = SecurityOptions.Guardrails("Guardrail modes of this key over the server's --guardrails");
        var command = new Command("create", "Create a key; prints it once, alone on the last line")
        {
            tenant, role, models, rpm, tpm, concurrent, perDay, perMonth, maxBody, maxPrompt, maxN, maxTokens, timeout, guardrails, stateDir,
        };
        command.SetAction(parse =>
        {
            var limits = new TenantLimits
            {
                RequestsPerMinute = parse.GetValue(rpm),
                TokensPerMinute = parse.GetValue(tpm),
                MaxConcurrent = parse.GetValue(concurrent),
                TokensPerDay = parse.GetValue(perDay),
                TokensPerMonth = parse.GetValue(perMonth),
                MaxBodyBytes = parse.GetValue(maxBody),
                MaxPromptTokens = parse.GetValue(maxPrompt),
                MaxN = parse.GetValue(maxN),
                MaxTokens = parse.GetValue(maxTokens),
                TimeoutSeconds = parse.GetValue(timeout),
            };
            var modelList = (parse.GetValue(models) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var t = new Tenant(parse.GetValue(tenant)!, TenantRoles.Parse(parse.GetValue(role)!), modelList, limits)
            {
                Guardrails = SecurityOptions.ParseGuardrails(parse.GetValue(guardrails)),
            };
            var db = StateDatabase.Open(parse.GetValue(stateDir));
            var (key, record) = new KeyStore(db, TimeProvider.System).Create(t);
            Console.WriteLine($"created key {record.Id} for tenant '{t.Name}' ({TenantRoles.Name(t.Role)}) in {db.Path}");
            Console.WriteLine("store it now: it is shown only once and cannot be recovered");
            Console.WriteLine(key.Reveal());
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var stateDir = SecurityOptions.StateDir();
        var all = new Option<bool>("--all") { Description = "Include revoked keys" };
        var command = new Command("list", "List keys (ids, tenants, roles, models, limits; never secrets)") { all, stateDir };
        command.SetAction(parse =>
        {
            var keys = new KeyStore(StateDatabase.Open(parse.GetValue(stateDir)), TimeProvider.System).List(parse.GetValue(all));
            Console.WriteLine($"{"ID",-14}{"TENANT",-20}{"ROLE",-7}{"STATUS",-9}{"CREATED",-22}MODELS / LIMITS");
            foreach (var k in keys)
            {
                var status = k.IsActive ? "active" : "revoked";
                var created = k.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                Console.WriteLine($"{k.Id.Value,-14}{k.Tenant.Name,-20}{TenantRoles.Name(k.Tenant.Role),-7}{status,-9}{created,-22}{Describe(k.Tenant)}");
            }
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var stateDir = SecurityOptions.StateDir();
        var id = new Argument<string>("id") { Description = "Key id (the part after gk-), as shown by 'gantry keys list'" };
        var command = new Command("revoke", "Revoke a key; requests with it get 401 from then on") { id, stateDir };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(id)!;
            if (text.StartsWith(ApiKey.Prefix, StringComparison.Ordinal)) text = ApiKey.TryParse(text)?.Id.Value ?? text[ApiKey.Prefix.Length..].Split('-')[0];
            if (!KeyId.IsValid(text)) throw new CliUsageException($"'{text}' is not a key id (12 lowercase hex digits)");
            var store = new KeyStore(StateDatabase.Open(parse.GetValue(stateDir)), TimeProvider.System);
            if (!store.Revoke(new KeyId(text))) throw new CliUsageException($"no active key with id {text}");
            Console.WriteLine($"revoked key {text}");
            return 0;
        });
        return command;
    }

    internal static string Describe(Tenant t)
    {
        var l = t.Limits;
        var parts = new List<string> { t.Models.Count == 0 ? "models=*" : "models=" + string.Join(',', t.Models) };
        void Add(string name, long? v) { if (v is { } x) parts.Add($"{name}={x.ToString(CultureInfo.InvariantCulture)}"); }
        Add("rpm", l.RequestsPerMinute);
        Add("tpm", l.TokensPerMinute);
        Add("max-concurrent", l.MaxConcurrent);
        Add("tokens/day", l.TokensPerDay);
        Add("tokens/month", l.TokensPerMonth);
        Add("max-body", l.MaxBodyBytes);
        Add("max-prompt", l.MaxPromptTokens);
        Add("max-n", l.MaxN);
        Add("max-tokens", l.MaxTokens);
        Add("timeout-s", l.TimeoutSeconds);
        if (t.Guardrails is { } g) parts.Add("guardrails=" + GuardrailModeSpec.Format(g));
        return string.Join(' ', parts);
    }
}
